"""The notes index: one package, one job per module.

- `manifest`: the build's manifest (format version, model, chunker, notes hash, checksums) and verification;
- `artifacts`: a build's files (chunks, vectors, dense and sparse indexes) read into a `NotesIndex`;
- `dense`: vector search (FAISS flat or HNSW) behind `DenseIndex`;
- `sparse`: keyword search (BM25, bm25s) behind `SparseIndex`;
- `fusion`: how dense and keyword scores of the same candidates combine;
- `embeddings`: the content-addressed embedding cache shared by every build under an index folder;
- `store`: build folders, the atomic swap, and cleanup with a grace period for readers in other processes;
- `builder`: documents → chunks → vectors → artifacts, writers given a `BuildContext`.
"""
