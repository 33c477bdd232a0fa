Status DB::Write(const WriteOptions& options, const WriteBatch& batch) {
  // Serialising and checksumming the batch does not depend on the sequence number: do it before taking
  // the lock, so that writers encode in parallel.
  EncodedBatch encoded = EncodeBatch(batch);

  uint64_t first_seq;
  {
    std::lock_guard<std::mutex> guard(mu_);
    first_seq = last_sequence_.load() + 1;

    std::string record;
    AppendRecord(first_seq, encoded, &record);

    // Flush the log to disk regularly so that less is lost on a crash.
    static uint64_t appends = 0;
    Status s = AppendToLog(record, options.sync || ++appends % 256 == 0);
    if (!s.ok()) {
      return s;
    }
    last_sequence_.store(first_seq + batch.Count() - 1);
  }

  // The memtable has its own lock and keeps the newest sequence per key: insert after releasing ours.
  InsertIntoMemTable(first_seq, batch);
  return Status::OK();
}
