#include "onebook/uid.hpp"

#include <Poco/UUIDGenerator.h>

namespace onebook::core {

std::string new_uid() { return Poco::UUIDGenerator::defaultGenerator().createRandom().toString(); }

} // namespace onebook::core
