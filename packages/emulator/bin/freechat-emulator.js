#!/usr/bin/env node
import { runEmulatorCommand } from '../dist/cli/cli.js';

process.exitCode = await runEmulatorCommand(process.argv.slice(2));
