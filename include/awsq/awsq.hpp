// Every generic awsq header. The generated headers (<awsq/rds.hpp>, ...) are included separately.
#pragma once

#include <awsq/call.hpp>
#include <awsq/error.hpp>
#include <awsq/http.hpp>
#include <awsq/json.hpp>
#include <awsq/model.hpp>
#include <awsq/operation.hpp>
#include <awsq/paginate.hpp>
#include <awsq/query.hpp>
#include <awsq/response.hpp>
#include <awsq/timestamp.hpp>
#include <awsq/traits.hpp>
#include <awsq/validate.hpp>
#include <awsq/version.hpp>
#include <awsq/xml.hpp>
