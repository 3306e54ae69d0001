// Entry point VS Code's extension host calls (extensionTestsPath): runs the Mocha suite in-process.
import Mocha from 'mocha';
import { register } from './schemawise.suite';

export function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', timeout: 60_000, color: true, reporter: 'spec' });
  mocha.suite.emit('pre-require', globalThis, 'schemawise.suite', mocha);
  register();
  return new Promise((resolve, reject) => {
    mocha.run((failures) => (failures ? reject(new Error(`${failures} scenario(s) failed`)) : resolve()));
  });
}
