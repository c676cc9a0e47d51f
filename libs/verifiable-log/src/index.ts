// The verifiable log of SPEC §9: the RFC 9162 Merkle tree over the events, its proofs, and
// C2SP checkpoints signed as C2SP signed notes. Pure: hashing and signing, no I/O, no clock.
export {};
