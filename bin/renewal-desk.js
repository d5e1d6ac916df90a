#!/usr/bin/env node
// The CLI is TypeScript (like the generated Prisma client): load it through tsx.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli/main.ts');
