import { ConfigError } from '../config/config.js';
import { CliError } from './errors.js';
import { buildProgram } from './program.js';

async function main(argv: string[]): Promise<void> {
  try {
    await buildProgram().parseAsync(argv);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`jianhe: configuration error: ${error.message}\n`);
    } else if (error instanceof CliError) {
      process.stderr.write(`jianhe: ${error.message}\n`);
      process.exitCode = error.exitCode;
      return;
    } else {
      const message = error instanceof Error ? error.message : String(error);
      process.stderr.write(`jianhe: ${message}\n`);
      if (process.env.JIANHE_DEBUG) console.error(error);
    }
    process.exitCode = 1;
  }
}

await main(process.argv);
