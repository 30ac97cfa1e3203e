/** The contract suite's data builders, for reuse by other test code (e.g. the sandbox's API tests). */
export { type ControlApi, controlApi, type Tenant } from './controlApi.ts';
export { formOf, formText } from './forms.ts';
export { aLink, aRecipient, aSplitLink, type LinkBody, type SplitLinkBody } from './links.ts';
export { aMarker, aNote, aNoteOfLength, runTag, setRunId } from './notes.ts';
