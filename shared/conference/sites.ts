/** The sites feature's contract, at the path other folders import it from. */
export { AddSite, CheckIn, MAX_SITES, ReportIssue, ResolveIssue, siteIdFor } from '../features/sites/contract.js'
