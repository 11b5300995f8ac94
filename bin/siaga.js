#!/usr/bin/env node
// The `siaga` command. Sources are TypeScript run through tsx, so the installed bin and `npm run siaga`
// execute exactly the code in the repository (no stale build).
import { register } from 'tsx/esm/api';

register();
await import('../src/cli/siaga.ts');
