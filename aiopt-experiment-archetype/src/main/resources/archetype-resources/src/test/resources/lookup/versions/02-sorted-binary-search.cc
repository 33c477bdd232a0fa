// Maps keys to values; Put() of an existing key replaces its value.
class Table {
 public:
  void Put(const std::string& key, const std::string& value) {
    auto it = std::lower_bound(entries_.begin(), entries_.end(), key,
                               [](const auto& entry, const std::string& k) { return entry.first < k; });
    if (it != entries_.end() && it->first == key) {
      it->second = value;
      return;
    }
    entries_.emplace(it, key, value);
  }

  // Stores the value of `key` in *value and returns true, or returns false when the key is absent.
  bool Get(const std::string& key, std::string* value) const {
    auto it = std::lower_bound(entries_.begin(), entries_.end(), key,
                               [](const auto& entry, const std::string& k) { return entry.first < k; });
    if (it == entries_.end() || it->first != key) {
      return false;
    }
    *value = it->second;
    return true;
  }

 private:
  std::vector<std::pair<std::string, std::string>> entries_;  // sorted by key
};
