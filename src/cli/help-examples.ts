// The "Examples:" section at the end of a command's --help (`.addHelpText('after', examples(…))`):
// each line a command as someone would type it, with `# what it does` where that helps. Every leaf
// command has one (tests/cli-help-examples.test.ts walks the tree): people learn a command from
// its help, not from the source.
export function examples(...lines: string[]): string {
  return `\nExamples:\n${lines.map((l) => `  $ ${l}`).join('\n')}`;
}
