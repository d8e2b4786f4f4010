import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const CONNECTORS = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const SIMULATION = join(CONNECTORS, 'simulation');
const SPECIFIER = /(?:^|\n)\s*(?:import|export)\b[^'"]*?\bfrom\s*['"]([^'"]+)['"]|\bimport\s*\(\s*['"]([^'"]+)['"]\s*\)|(?:^|\n)\s*import\s*['"]([^'"]+)['"]/g;

/** The modules a file imports, as files (type-only imports included: they tie two files together as much). */
function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const found: string[] = [];
  for (const match of text.matchAll(SPECIFIER)) {
    const specifier = match[1] ?? match[2] ?? match[3]!;
    if (!specifier.startsWith('.')) continue;
    const target = resolve(dirname(file), specifier).replace(/\.js$/, '');
    const candidate = [`${target}.ts`, `${target}.tsx`].find((f) => existsSync(f));
    if (candidate) found.push(candidate);
  }
  return found;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => /\.tsx?$/.test(f))
    .map((f) => join(dir, f));
}

/** Strongly connected groups of more than one file (Tarjan): each is at least one import cycle. */
function importCycles(files: string[]): string[][] {
  const graph = new Map(files.map((f) => [f, importsOf(f).filter((t) => t.startsWith(CONNECTORS))]));
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const groups: string[][] = [];
  const visit = (file: string) => {
    index.set(file, index.size);
    low.set(file, index.get(file)!);
    stack.push(file);
    onStack.add(file);
    for (const next of graph.get(file) ?? []) {
      if (!index.has(next)) {
        visit(next);
        low.set(file, Math.min(low.get(file)!, low.get(next)!));
      } else if (onStack.has(next)) {
        low.set(file, Math.min(low.get(file)!, index.get(next)!));
      }
    }
    if (low.get(file) !== index.get(file)) return;
    const group: string[] = [];
    let member: string;
    do {
      member = stack.pop()!;
      onStack.delete(member);
      group.push(relative(CONNECTORS, member));
    } while (member !== file);
    if (group.length > 1) groups.push(group.sort());
  };
  for (const file of files) if (!index.has(file)) visit(file);
  return groups;
}

describe('how the simulators are put together', () => {
  it('leaves no import cycle under src/connectors: a control module never imports its simulator', () => {
    expect(importCycles(sourceFiles(CONNECTORS))).toEqual([]);
  });

  it('keeps the toolkit free of platforms: simulation/ imports only itself, the platform seam and the core', () => {
    const outside = sourceFiles(SIMULATION).flatMap((file) =>
      importsOf(file)
        .filter((target) => !target.startsWith(SIMULATION) && target !== join(CONNECTORS, 'platform.ts') && !target.startsWith(resolve(CONNECTORS, '../core')))
        .map((target) => `${relative(CONNECTORS, file)} imports ${relative(CONNECTORS, target)}`),
    );
    expect(outside).toEqual([]);
  });
});
