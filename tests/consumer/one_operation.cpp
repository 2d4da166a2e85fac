// Built against awsq_add_models(... OPERATIONS ListItems): that operation and what it reaches, no more.
#include <awsq/demo.hpp>
#include <awsq/demo/list_items.hpp>

#include <boost/mp11.hpp>

#include <type_traits>

#if __has_include(<awsq/demo/delete_item.hpp>) || __has_include(<awsq/demo/shapes/DeleteItemRequest.hpp>)
#error "OPERATIONS ListItems generated the headers of DeleteItem too"
#endif

static_assert(boost::mp11::mp_size<awsq::demo::operations>::value == 1);
static_assert(std::is_same_v<awsq::demo::ListItems::input_type, awsq::demo::ListItemsRequest>);

int main() {
    awsq::demo::ListItemsRequest request{.Size = awsq::demo::InstanceSize::t2_micro};
    return request.Size ? 0 : 1;
}
