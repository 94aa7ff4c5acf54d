import type { Reporter, TestModule } from 'vitest/node';

/**
 * Prints one closing line, `Tests: N passed, N failed, N skipped`, that any CI can read, and before
 * it every test file that did not pass by name and project: a worker that exits mid-file leaves
 * its file unfinished, and the default reporter then names only the error, not the file.
 */
export default class SummaryReporter implements Reporter {
  private started = new Map<string, TestModule>();

  onTestModuleStart(mod: TestModule): void {
    this.started.set(`${mod.project.name}:${mod.moduleId}`, mod);
  }

  onTestRunEnd(testModules: ReadonlyArray<TestModule>, unhandledErrors: ReadonlyArray<unknown>): void {
    let passed = 0;
    let failed = 0;
    let skipped = 0;
    const unfinished: string[] = [];
    for (const mod of testModules) {
      for (const test of mod.children.allTests()) {
        const state = test.result().state;
        if (state === 'passed') passed++;
        else if (state === 'failed') failed++;
        else skipped++;
      }
      if (mod.state() === 'failed' && !mod.children.size) failed++;
    }
    for (const mod of new Set([...testModules, ...this.started.values()])) {
      const state = mod.state();
      if (state !== 'passed' && state !== 'skipped')
        unfinished.push(`  ${state.padEnd(7)} [${mod.project.name}] ${mod.relativeModuleId}`);
    }
    failed += unhandledErrors.length;
    if (unfinished.length)
      process.stdout.write(`\nTest files that did not pass:\n${unfinished.join('\n')}\n`);
    process.stdout.write(`\nTests: ${passed} passed, ${failed} failed, ${skipped} skipped\n`);
  }
}
