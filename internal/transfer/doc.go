// Package transfer moves whole datasets in and out of the graph: the
// coopgraph interchange document (JSON, streamed both ways), and, through
// the csvio and hsds packages, spreadsheets and Open Referral directories.
//
// An import validates everything before it writes anything. Pass one
// streams the input and checks each record's own rules, duplicate ids, and
// every reference — to a record of the same input or one already in the
// database — and territory levels and category cycles. With atomic (the
// default) one rejected record means nothing is written; otherwise the
// rejected records, and those that depend on them, are left out. Pass two
// writes: an input of up to SmallImport records in one transaction, a larger
// one in chunks of ChunkSize records, each in a transaction of its own (store.WriteBatch), all nodes first and then all
// relationships, so memory stays flat in the size of the file.
package transfer
