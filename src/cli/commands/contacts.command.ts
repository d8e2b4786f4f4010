import type { Command } from 'commander';
import { lookUpReference, type ReferenceMatch } from '../../services/reference-lookup.js';
import { printResult, table, when } from '../cli-output.js';
import { operatorCaller, runCommand } from '../cli-context.js';

export function registerContactsCommand(program: Command): void {
  const contacts = program.command('contacts').description('look up imported contacts');
  contacts
    .command('find')
    .argument('<source-reference>', 'the platform id: ticket id, call id, conversation id')
    .description('every contact with this source reference, each with the decisions its own integration made about it')
    .option('--integration <id>', 'only this integration (id or name)')
    .option('--json', 'print as JSON')
    .action((sourceRef: string, options: { integration?: string; json?: boolean }) =>
      runCommand(options, { integrationId: '--integration' }, async (context) => {
        const matches = await lookUpReference(context.services, operatorCaller(context), { sourceRef, integrationId: options.integration });
        printResult(options, { sourceRef, matches }, () => describeMatches(sourceRef, matches));
      }),
    );
}

function describeMatches(sourceRef: string, matches: ReferenceMatch[]): string {
  if (matches.length === 0) {
    return `No integration has imported or seen "${sourceRef}". If you expected it, ask why: intake diagnose ${sourceRef}`;
  }
  const lines: string[] = [];
  if (matches.length > 1) lines.push(`"${sourceRef}" is a different conversation in each of ${matches.length} source accounts:`, '');
  for (const m of matches) {
    const where = m.integration ? `"${m.integration.name}" — ${m.integration.platformName} account "${m.sourceAccount}"` : `${m.platform} account "${m.sourceAccount}" (its integration was deleted)`;
    lines.push(`== ${where}`);
    const c = m.contact;
    if (c) {
      lines.push(
        `Contact ${c.id} #${c.sourceRef} — ${c.channel ?? 'no channel'}, agent ${c.agent ?? 'unassigned'}, status ${c.sourceStatus}, tags [${c.tags.join(', ')}]`,
        `  imported ${when(c.importedAt)}, refreshed ${when(c.refreshedAt)}; subject: ${String(c.metadata.subject ?? '—')}`,
      );
    } else {
      lines.push(`Not imported. Why: intake diagnose ${sourceRef}${m.integration ? ` --integration ${m.integration.id}` : ''}`);
    }
    if (m.decisions.length > 0) {
      lines.push(
        'Decisions (newest first):',
        table(
          ['DECIDED AT', 'OUTCOME', 'REASON', 'DETAIL', 'RUN'],
          m.decisions.map((d) => [when(d.decidedAt), d.outcome, d.reason ?? '', decisionDetail(d.evidence), d.runId]),
        ),
      );
    }
    lines.push('');
  }
  return lines.join('\n').trimEnd();
}

function decisionDetail(evidence: Record<string, unknown>): string {
  if (typeof evidence.expected === 'string') return `expected ${evidence.expected}, was ${JSON.stringify(evidence.actual)}`;
  if (evidence.changedFields && typeof evidence.changedFields === 'object') return `changed: ${Object.keys(evidence.changedFields).join(', ')}`;
  if (typeof evidence.field === 'string') return `field ${evidence.field}: ${String(evidence.message)}`;
  if (evidence.manual) return 'imported manually';
  return '';
}
