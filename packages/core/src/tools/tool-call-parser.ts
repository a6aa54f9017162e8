import { LenientJsonScanner } from './lenient-json-scanner.js';
import type { ToolArgumentsValidator } from './tool-arguments-validator.js';
import { generateToolCallId } from './tool-call-id.js';
import {
  isCallKey,
  isCallListKey,
  readWrittenCalls,
  type WrittenCall,
  type WrittenCalls,
} from './tool-call-shapes.js';
import type { ToolChoice } from './tool-definition.js';
import type { InvalidToolCallPart, ToolCallPart, ToolParserPart } from './tool-part.js';

/** What a parser checks calls against. */
export interface ToolCallParserOptions {
  /** The request's tools, compiled (`createToolArgumentsValidator`). */
  validator: ToolArgumentsValidator;
  /** A named choice makes a call of any other tool invalid. */
  toolChoice?: ToolChoice | undefined;
  /** Makes each call's id; `generateToolCallId` by default. */
  generateId?: (() => string) | undefined;
  /**
   * The most characters one call may take (from its `{`, or its fence); past it the text is shown as
   * text. Default 1 Mi.
   */
  maxCallLength?: number | undefined;
}

/**
 * Where the parser stands: in text; after one to two backticks; reading a fence's info string;
 * inside a JSON fence before its value; inside a value; after a fenced value, before the fence's
 * close; inside a code block that holds no call.
 */
type Mode = 'text' | 'ticks' | 'fence-info' | 'fence-body' | 'value' | 'fence-tail' | 'foreign';

/** A character that may begin a call: a JSON object or array, or a fence. */
const CANDIDATE = /[{[`]/;
const FENCE = '```';
/** The info strings of a fence that may hold calls. */
const CALL_FENCES = ['', 'json', 'jsonc', 'json5', 'tool', 'tool_call', 'tool_calls', 'tool_code'];
const MAX_FENCE_INFO = 16;
/** The most whitespace held between a fence and its value, or after a call. */
const MAX_HELD_WHITESPACE = 256;
const DEFAULT_MAX_CALL_LENGTH = 1024 * 1024;

function isWhitespace(char: string | undefined): boolean {
  return char === ' ' || char === '\n' || char === '\r' || char === '\t';
}

/**
 * Turns a model's reply, pushed piece by piece as it streams, into text and tool calls.
 *
 * - Text streams out as it arrives. Held back is only what may begin a call — a `{` or `[` and what
 *   follows while it can still be a call, one or two backticks at the end of a piece, or a fence
 *   (```` ``` ````, ```` ```json ````) until its first character shows it holds no call — and the
 *   whitespace right after a call, dropped if the reply ends or another call follows.
 * - A call is given as soon as its JSON is complete and valid, in any form `readWrittenCalls`
 *   knows, bare or in a fence, strict JSON or with smart quotes and trailing commas. Several calls (a
 *   list, several `tool_calls` entries, several objects in a row) are each a `tool-call` part.
 * - JSON in the instruction's own form (`{"tool_calls": …}`) is a call whatever it names; in any
 *   other form it is one only if every call names a known tool, else it stays text. A call with an
 *   unknown tool, arguments that do not match the schema, or another tool than a named choice is an
 *   `invalid-tool-call` part, never a `tool-call`.
 *
 * @example
 * const parser = new ToolCallParser({ validator: await createToolArgumentsValidator(tools) });
 * for await (const text of provider.stream({ messages })) for (const part of parser.push(text)) show(part);
 * for (const part of parser.end()) show(part);
 */
export class ToolCallParser {
  private readonly validator: ToolArgumentsValidator;
  private readonly namedTool: string | undefined;
  private readonly generateId: () => string;
  private readonly maxCallLength: number;
  /** The text not yet given out: from a possible call's first character. */
  private buffer = '';
  /** How far into `buffer` the current mode has looked. */
  private position = 0;
  private mode: Mode = 'text';
  private fenced = false;
  private scanner: LenientJsonScanner | undefined;
  /** Where the value being scanned starts in `buffer`. */
  private valueStart = 0;
  /** Whitespace after a call, held until what follows shows whether it is text. */
  private gap = '';
  private afterCall = false;
  /** A refused call in a fence, given out when the fence closes (its text then includes it). */
  private pendingInvalid: InvalidToolCallPart | undefined;
  private parts: ToolParserPart[] = [];

  constructor({ validator, toolChoice, generateId, maxCallLength }: ToolCallParserOptions) {
    this.validator = validator;
    this.namedTool = typeof toolChoice === 'object' ? toolChoice.name : undefined;
    this.generateId = generateId ?? generateToolCallId;
    this.maxCallLength = maxCallLength ?? DEFAULT_MAX_CALL_LENGTH;
  }

  /** Takes the next piece of the reply and returns what it completes. */
  push(text: string): ToolParserPart[] {
    this.parts = [];
    this.buffer += text;
    while (this.step()) {}
    return this.parts;
  }

  /** Ends the reply and returns what was held: as text, or a call cut short as an invalid call. */
  end(): ToolParserPart[] {
    this.parts = [];
    if (this.mode === 'value' && isCallListKey(this.scanner?.firstKey ?? '')) {
      this.parts.push({
        type: 'invalid-tool-call',
        text: this.gap + this.buffer,
        problems: ["the reply ended inside the tool call's JSON"],
      });
    } else if (this.mode === 'fence-tail') {
      this.appendToInvalid(this.buffer);
    } else {
      this.release(this.buffer.length);
    }
    this.flushInvalid();
    this.buffer = '';
    this.gap = '';
    this.mode = 'text';
    return this.parts;
  }

  /** One move of the current mode; false when it needs more text. */
  private step(): boolean {
    switch (this.mode) {
      case 'text':
        return this.stepText();
      case 'ticks':
        return this.stepTicks();
      case 'fence-info':
        return this.stepFenceInfo();
      case 'fence-body':
        return this.stepFenceBody();
      case 'value':
        return this.stepValue();
      case 'fence-tail':
        return this.stepFenceTail();
      case 'foreign':
        return this.stepForeign();
    }
  }

  private stepText(): boolean {
    if (this.buffer === '') return false;
    if (this.afterCall && !this.holdGap()) return false;
    const match = CANDIDATE.exec(this.buffer);
    if (match === null) {
      this.release(this.buffer.length);
      return false;
    }
    this.release(match.index);
    if (this.buffer[0] === '`') this.mode = 'ticks';
    else this.startValue(0, false);
    return true;
  }

  /**
   * After a call: moves leading whitespace into the gap; false when nothing else has come yet. Text
   * other than a possible call gives the gap out.
   */
  private holdGap(): boolean {
    let end = 0;
    while (end < this.buffer.length && isWhitespace(this.buffer[end])) end++;
    this.gap += this.buffer.slice(0, end);
    this.buffer = this.buffer.slice(end);
    if (this.buffer === '' && this.gap.length <= MAX_HELD_WHITESPACE) return false;
    if (this.buffer === '' || !CANDIDATE.test(this.buffer[0]!)) {
      this.emit(this.gap);
      this.gap = '';
      this.afterCall = false;
    }
    return this.buffer !== '';
  }

  private stepTicks(): boolean {
    let ticks = 0;
    while (ticks < FENCE.length && this.buffer[ticks] === '`') ticks++;
    if (ticks === FENCE.length) {
      this.mode = 'fence-info';
      this.position = FENCE.length;
      return true;
    }
    if (ticks === this.buffer.length) return false;
    this.release(ticks);
    this.mode = 'text';
    return true;
  }

  private stepFenceInfo(): boolean {
    const newline = this.buffer.indexOf('\n', FENCE.length);
    const end = newline < 0 ? this.buffer.length : newline;
    const info = this.buffer.slice(FENCE.length, end).trim().toLowerCase();
    if (newline >= 0 && CALL_FENCES.includes(info)) {
      this.mode = 'fence-body';
      this.position = newline + 1;
      return true;
    }
    if (
      newline < 0 &&
      end - FENCE.length <= MAX_FENCE_INFO &&
      CALL_FENCES.some((fence) => fence.startsWith(info))
    ) {
      return false;
    }
    this.position = FENCE.length;
    this.mode = 'foreign';
    return true;
  }

  private stepFenceBody(): boolean {
    let index = this.position;
    while (index < this.buffer.length && isWhitespace(this.buffer[index])) index++;
    this.position = index;
    const char = this.buffer[index];
    if (char === undefined) {
      if (index <= MAX_HELD_WHITESPACE) return false;
    } else if (char === '{' || char === '[') {
      this.startValue(index, true);
      return true;
    }
    this.mode = 'foreign';
    return true;
  }

  private startValue(start: number, fenced: boolean): void {
    this.scanner = new LenientJsonScanner(isCallKey);
    this.valueStart = start;
    this.position = start;
    this.fenced = fenced;
    this.mode = 'value';
  }

  private stepValue(): boolean {
    const step = this.scanner!.scan(this.buffer, this.position);
    switch (step.kind) {
      case 'more':
        this.position = this.buffer.length;
        if (this.buffer.length - this.valueStart <= this.maxCallLength) return false;
        this.abandonValue(this.buffer.length);
        return true;
      case 'fail':
        this.abandonValue(step.at);
        return true;
      case 'done':
        if (step.end - this.valueStart > this.maxCallLength) this.abandonValue(step.end);
        else this.completeValue(step.end);
        return true;
    }
  }

  /** The value (through `end`) is no call: it is text, and so is the rest of its fence. */
  private abandonValue(end: number): void {
    this.flushInvalid();
    this.scanner = undefined;
    this.release(end);
    this.position = 0;
    this.mode = this.fenced ? 'foreign' : 'text';
  }

  private completeValue(end: number): void {
    const written = this.writtenCalls();
    if (written === undefined) {
      this.abandonValue(end);
      return;
    }
    const problems: string[] = [];
    for (const [index, call] of written.calls.entries()) {
      const part = this.checkCall(call, index, problems);
      if (part !== undefined) this.parts.push(part);
    }
    if (problems.length > 0) {
      const text = this.gap + this.buffer.slice(0, end);
      if (this.pendingInvalid === undefined) {
        this.pendingInvalid = { type: 'invalid-tool-call', text, problems };
      } else {
        this.pendingInvalid.text += text;
        this.pendingInvalid.problems.push(...problems);
      }
      if (!this.fenced) this.flushInvalid();
    }
    this.scanner = undefined;
    this.buffer = this.buffer.slice(end);
    this.position = 0;
    this.gap = '';
    this.afterCall = true;
    this.mode = this.fenced ? 'fence-tail' : 'text';
  }

  /**
   * The calls the scanned value holds, if it is a call: in the instruction's own form, or naming only
   * known tools.
   */
  private writtenCalls(): WrittenCalls | undefined {
    let value: unknown;
    try {
      value = JSON.parse(this.scanner!.json);
    } catch {
      return undefined;
    }
    const written = readWrittenCalls(value);
    if (written === undefined || written.explicit) return written;
    const known = written.calls.every(
      (call) => call.name !== undefined && this.validator.has(call.name),
    );
    return known ? written : undefined;
  }

  /** A valid call's part; else its problems are added and it gives none. */
  private checkCall(
    call: WrittenCall,
    index: number,
    problems: string[],
  ): ToolCallPart | undefined {
    const { name } = call;
    if (name === undefined) {
      problems.push(`call ${index + 1} names no tool`);
      return undefined;
    }
    if (!this.validator.has(name)) {
      const known = this.validator.tools.map((tool) => tool.name).join(', ');
      problems.push(`${name}: there is no such tool (the tools: ${known})`);
      return undefined;
    }
    if (this.namedTool !== undefined && name !== this.namedTool) {
      problems.push(`${name}: this reply must call "${this.namedTool}" instead`);
      return undefined;
    }
    const args = readArguments(call.arguments);
    if (typeof args === 'string') {
      problems.push(`${name}: ${args}`);
      return undefined;
    }
    const wrong = this.validator.validate(name, args);
    if (wrong.length > 0) {
      problems.push(...wrong.map((problem) => `${name}: ${problem}`));
      return undefined;
    }
    return {
      type: 'tool-call',
      id: this.generateId(),
      name,
      arguments: args,
      argumentsText: JSON.stringify(args),
    };
  }

  private stepFenceTail(): boolean {
    let index = this.position;
    while (
      index < this.buffer.length &&
      (isWhitespace(this.buffer[index]) || this.buffer[index] === ',')
    ) {
      index++;
    }
    this.position = index;
    const char = this.buffer[index];
    if (char === undefined) return index > MAX_HELD_WHITESPACE ? this.leaveFence() : false;
    if (char === '{' || char === '[') {
      this.appendToInvalid(this.buffer.slice(0, index));
      this.buffer = this.buffer.slice(index);
      this.startValue(0, true);
      return true;
    }
    const rest = this.buffer.slice(index);
    if (rest.length < FENCE.length && FENCE.startsWith(rest)) return false;
    if (this.buffer.startsWith(FENCE, index)) {
      this.appendToInvalid(this.buffer.slice(0, index + FENCE.length));
      this.buffer = this.buffer.slice(index + FENCE.length);
    }
    return this.leaveFence();
  }

  /** Back to text after a fence of calls (closed, or not closed before other text). */
  private leaveFence(): boolean {
    this.flushInvalid();
    this.position = 0;
    this.mode = 'text';
    return true;
  }

  private stepForeign(): boolean {
    const close = this.buffer.indexOf(FENCE, this.position);
    if (close >= 0) {
      this.release(close + FENCE.length);
      this.mode = 'text';
      return true;
    }
    // A fence may be arriving: hold back up to two backticks at the end.
    let ticks = 0;
    while (ticks < FENCE.length - 1 && this.buffer[this.buffer.length - 1 - ticks] === '`') ticks++;
    this.release(Math.max(this.position, this.buffer.length - ticks));
    return false;
  }

  /** Gives out the gap and the first `length` characters of the buffer as text. */
  private release(length: number): void {
    if (length === 0) return;
    this.emit(this.gap + this.buffer.slice(0, length));
    this.gap = '';
    this.afterCall = false;
    this.buffer = this.buffer.slice(length);
    this.position = Math.max(0, this.position - length);
  }

  private emit(text: string): void {
    if (text === '') return;
    const last = this.parts[this.parts.length - 1];
    if (last?.type === 'text') last.text += text;
    else this.parts.push({ type: 'text', text });
  }

  private appendToInvalid(text: string): void {
    if (this.pendingInvalid !== undefined) this.pendingInvalid.text += text;
  }

  private flushInvalid(): void {
    if (this.pendingInvalid === undefined) return;
    this.parts.push(this.pendingInvalid);
    this.pendingInvalid = undefined;
  }
}

/** The arguments as an object, or what is wrong with them. */
function readArguments(written: unknown): Record<string, unknown> | string {
  if (written === undefined || written === null) return {};
  let args = written;
  if (typeof written === 'string') {
    if (written.trim() === '') return {};
    try {
      args = JSON.parse(written);
    } catch {
      return 'the arguments are a string that is not JSON';
    }
  }
  if (typeof args !== 'object' || args === null || Array.isArray(args)) {
    return 'the arguments are not a JSON object';
  }
  return args as Record<string, unknown>;
}
