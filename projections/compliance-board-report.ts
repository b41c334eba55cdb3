/** The compliance board as a report: read at the end of the `asOf` day in the practice's time zone. */
import { startOfPracticeDay } from '../core/values/calendar.js';
import { addDays } from '../core/values/local-date.js';
import { complianceBoardAsOf, complianceBoardProjection, type ComplianceBoard, type ComplianceBoardView } from './compliance-board.js';
import type { ReportDefinition } from './report.js';

export const complianceBoardReport: ReportDefinition<ComplianceBoard, ComplianceBoardView> = {
  name: 'compliance-board',
  title: 'Compliance board',
  description: 'Clients overdue on a check-in, their step, hours since due, who must act next, what awaits approval, and clients flagged for a lapsed regimen.',
  parameters: [],
  projection: complianceBoardProjection,
  view: (board, { asOf, timeZone }) => complianceBoardAsOf(board, startOfPracticeDay(addDays(asOf, 1), timeZone)),
  tables: (view) => [
    {
      title: 'Overdue check-ins',
      columns: ['Client', 'Issue', 'Due on', 'Step', 'Hours since due', 'Must act next'],
      rows: view.overdue.map((r) => [r.clientName || r.clientId, r.issue, r.dueOn, r.step, r.hoursSinceDue, r.mustActNext]),
    },
    {
      title: 'Awaiting a manager’s approval',
      columns: ['Client', 'Issue', 'Due on', 'Hours since due'],
      rows: view.awaitingApproval.map((r) => [r.clientName || r.clientId, r.issue, r.dueOn, r.hoursSinceDue]),
    },
    {
      title: 'Regimen not changed in time',
      columns: ['Client', 'Last change', 'Lapsed on'],
      rows: view.flagged.map((f) => [f.clientName || f.enrollmentId, f.lastRegimenChangeOn, f.lapsedOn]),
    },
  ],
};
