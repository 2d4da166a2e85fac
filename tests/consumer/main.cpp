// Uses the installed awsq headers and headers generated from this project's own model file.
#include <awsq/awsq.hpp>
#include <awsq/demo.hpp>
#include <awsq/rds.hpp>
#include <awsq/rds/describe_export_tasks.hpp>
#include <awsq/redshift.hpp>

#include <boost/describe.hpp>
#include <boost/mp11.hpp>

#include <cstdio>
#include <type_traits>

static_assert(std::is_same_v<decltype(awsq::demo::Item::Parent), awsq::indirect<awsq::demo::Item>>);
static_assert(std::is_same_v<decltype(awsq::demo::ListItemsRequest::Size),
                             std::optional<awsq::open_enum<awsq::demo::InstanceSize>>>);
static_assert(boost::mp11::mp_size<awsq::demo::operations>::value == 2);
static_assert(std::is_same_v<awsq::demo::DeleteItem::output_type, awsq::empty_shape>);

template <class T>
int count_members() {
    int n = 0;
    boost::mp11::mp_for_each<awsq::members_of<T>>([&](auto) { ++n; });
    return n;
}

int main() {
    awsq::demo::Item item;
    item.Label = "root";
    item.Parent = awsq::demo::Item{.Label = "parent"};
    const int rds = count_members<awsq::rds::ExportTask>();
    const int redshift = count_members<awsq::redshift::TableRestoreStatus>();
    const auto size = awsq::enum_to_string(awsq::demo::InstanceSize::t2_micro);
    std::printf("ExportTask has %d members, TableRestoreStatus %d; demo enum t2_micro is \"%.*s\"; parent %s\n",
                rds, redshift, static_cast<int>(size.size()), size.data(), item.Parent->Label->c_str());
    return rds == 16 && redshift == 14 && size == "t2.micro" ? 0 : 1;
}
