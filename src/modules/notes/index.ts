export { listCommitments, listCommitmentsQuery } from './notes.repository';
export { commitmentResponse, toCommitment } from './notes.schemas';
