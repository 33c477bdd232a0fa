// Maps keys to values; Put() of an existing key replaces its value.
class Table {
 public:
  void Put(const std::string& key, const std::string& value) { entries_.emplace(key, value); }

  // Stores the value of `key` in *value and returns true, or returns false when the key is absent.
  bool Get(const std::string& key, std::string* value) const {
    auto it = entries_.find(key);
    if (it == entries_.end()) {
      return false;
    }
    *value = it->second;
    return true;
  }

 private:
  std::unordered_map<std::string, std::string> entries_;
};
