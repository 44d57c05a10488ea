/** The signing feature's contract, limits and signature check, at the path other folders import them from. */
export { MAX_SIGNATURE_POINTS, MAX_SIGNATURE_STROKES, MAX_STROKE_POINTS, OpenSigning, SignPledge, SubmittedStrokes, VoidSignature, WitnessSigning } from '../features/signing/contract.js'
export { signatureProblem } from '../features/signing/signature.js'
export { blocOpen } from '../features/signing/state.js'
