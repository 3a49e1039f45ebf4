// Reading and writing organisations (one per branch; a superior's archive holds many).
#pragma once

#include "onebook/db.hpp"
#include "onebook/model.hpp"

#include <optional>
#include <vector>

namespace onebook::core {

class OrganisationStore {
public:
    explicit OrganisationStore(Database& db) : m_db(db) {}

    /// Validates and inserts; fills in id and uid. One transaction.
    Id add(Organisation& org);
    /// Validates and updates every field but uid. One transaction.
    void update(const Organisation& org);
    std::optional<Organisation> get(Id id);
    std::optional<Organisation> by_uid(const std::string& uid);
    std::optional<Organisation> home();
    std::vector<Organisation> all();

    /// Throws Error naming the field for a missing name, an unknown form, a future founding date.
    static void validate(const Organisation& org);

private:
    Database& m_db;
};

} // namespace onebook::core
