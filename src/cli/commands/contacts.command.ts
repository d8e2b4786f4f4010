import type { Command } from 'commander';
import { listDecisionsByRef } from '../../storage/decision.repository.js';
import { findContactsByRef } from '../../storage/contact.repository.js';
import { printResult, table, when } from '../cli-output.js';
import { runCommand } from '../cli-context.js';

export function registerContactsCommand(program: Command): void {
  const contacts = program.command('contacts').description('look up imported contacts');
  contacts
    .command('find')
    .argument('<source-reference>', 'the platform id: ticket id, call id, conversation id')
    .description('the contact with this source reference, if any, and every decision made about it')
    .option('--integration <id>', 'only decisions of this integration')
    .option('--json', 'print as JSON')
    .action((sourceRef: string, options: { integration?: string; json?: boolean }) =>
      runCommand(options, {}, async ({ services, workspace }) => {
        const found = await findContactsByRef(services.db, workspace.id, sourceRef);
        const decisions = await listDecisionsByRef(services.db, workspace.id, sourceRef, { integrationId: options.integration });
        printResult(options, { sourceRef, contacts: found, decisions }, () => {
          const lines: string[] = [];
          if (found.length === 0) lines.push(`No contact with source reference "${sourceRef}" was imported.`);
          for (const c of found) {
            lines.push(
              `Contact ${c.id}: ${c.platform} "${c.sourceAccount}" #${c.sourceRef} — ${c.channel ?? 'no channel'}, agent ${c.agent ?? 'unassigned'}, status ${c.sourceStatus}, tags [${c.tags.join(', ')}]`,
              `  imported ${when(c.importedAt)}, refreshed ${when(c.refreshedAt)}; subject: ${String(c.metadata.subject ?? '—')}`,
            );
          }
          if (decisions.length === 0) {
            lines.push('No run has seen this reference. If you expected it, check the integration status and its checkpoint, or wait for the next run.');
          } else {
            lines.push(
              '',
              `Decisions (newest first):`,
              table(
                ['DECIDED AT', 'OUTCOME', 'REASON', 'DETAIL', 'RUN'],
                decisions.map((d) => [when(d.decidedAt), d.outcome, d.reason ?? '', decisionDetail(d.evidence), d.runId]),
              ),
            );
          }
          return lines.join('\n');
        });
      }),
    );
}

function decisionDetail(evidence: Record<string, unknown>): string {
  if (typeof evidence.expected === 'string') return `expected ${evidence.expected}, was ${JSON.stringify(evidence.actual)}`;
  if (evidence.changedFields && typeof evidence.changedFields === 'object') return `changed: ${Object.keys(evidence.changedFields).join(', ')}`;
  if (typeof evidence.field === 'string') return `field ${evidence.field}: ${String(evidence.message)}`;
  if (evidence.manual) return 'imported manually';
  return '';
}
