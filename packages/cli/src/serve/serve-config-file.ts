import { parse } from 'yaml';
import { MAX_CONFIG_FILE_BYTES, readBoundedFile } from '../connection/bounded-read.js';
import { ConfigError, checkServeConfig, type ServeConfig } from './serve-config.js';

/**
 * Reads and checks `freechat serve --config <path>`, JSON or YAML.
 *
 * @throws UsageError when the file cannot be read or is over 1 MiB; ConfigError for a syntax error
 * (with its line) or the first bad field.
 */
export async function readServeConfig(path: string): Promise<ServeConfig> {
  const text = readBoundedFile(path, '--config', MAX_CONFIG_FILE_BYTES);
  return checkServeConfig(path, parseConfigText(path, text));
}

/**
 * Parses a config file's text, JSON or YAML, with the YAML parser (JSON is YAML): its messages give
 * the line and column without quoting the text, which may hold a password.
 *
 * @throws ConfigError for a syntax error or a repeated key, with where it is.
 */
export function parseConfigText(path: string, text: string): unknown {
  try {
    return parse(text, { uniqueKeys: true });
  } catch (error) {
    const message = (error as Error).message.split('\n', 1)[0]!.replace(/:$/, '');
    throw new ConfigError(path, '', `not valid JSON or YAML: ${message}`);
  }
}
