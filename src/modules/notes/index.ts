export { listCommitments } from './notes.repository';
export { commitmentResponse, toCommitment } from './notes.schemas';
