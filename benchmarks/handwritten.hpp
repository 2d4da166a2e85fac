// The baseline: tinyxml2 -> struct mapping written by hand, field by field, the way per-shape
// generated SDK code does it (each field looked up with FirstChildElement, GetText() copied and converted).
// It shares that code's known shortcuts: GetText() reads only the first text node.
#pragma once

#include <awsq/rds.hpp>
#include <awsq/redshift.hpp>
#include <awsq/timestamp.hpp>
#include <awsq/traits.hpp>

#include <tinyxml2.h>

#include <cstdlib>
#include <optional>
#include <string>

namespace handwritten {

inline std::optional<std::string> text(const tinyxml2::XMLElement* parent, const char* name) {
    const auto* e = parent->FirstChildElement(name);
    if (!e) return std::nullopt;
    const char* t = e->GetText();
    return std::string(t ? t : "");
}

inline std::optional<std::int32_t> int32(const tinyxml2::XMLElement* parent, const char* name) {
    const auto* e = parent->FirstChildElement(name);
    if (!e || !e->GetText()) return std::nullopt;
    return static_cast<std::int32_t>(std::strtol(e->GetText(), nullptr, 10));
}

inline std::optional<std::int64_t> int64(const tinyxml2::XMLElement* parent, const char* name) {
    const auto* e = parent->FirstChildElement(name);
    if (!e || !e->GetText()) return std::nullopt;
    return static_cast<std::int64_t>(std::strtoll(e->GetText(), nullptr, 10));
}

inline std::optional<awsq::timestamp> time(const tinyxml2::XMLElement* parent, const char* name) {
    const auto* e = parent->FirstChildElement(name);
    if (!e || !e->GetText()) return std::nullopt;
    return awsq::parse_iso8601(e->GetText());
}

template <class E>
std::optional<awsq::open_enum<E>> enumeration(const tinyxml2::XMLElement* parent, const char* name) {
    auto t = text(parent, name);
    if (!t) return std::nullopt;
    return awsq::open_enum_from_string<E>(*t);
}

inline bool parse(const char* data, std::size_t size, awsq::rds::DescribeExportTasksResult& out, std::string& request_id) {
    tinyxml2::XMLDocument doc;
    if (doc.Parse(data, size) != tinyxml2::XML_SUCCESS) return false;
    const auto* root = doc.FirstChildElement("DescribeExportTasksResponse");
    const auto* result = root ? root->FirstChildElement("DescribeExportTasksResult") : nullptr;
    if (!result) return false;
    out.Marker = text(result, "Marker");
    if (const auto* list = result->FirstChildElement("ExportTasks")) {
        auto& tasks = out.ExportTasks.emplace();
        for (const auto* e = list->FirstChildElement("ExportTask"); e; e = e->NextSiblingElement("ExportTask")) {
            awsq::rds::ExportTask t;
            t.ExportTaskIdentifier = text(e, "ExportTaskIdentifier");
            t.SourceArn = text(e, "SourceArn");
            if (const auto* only = e->FirstChildElement("ExportOnly")) {
                auto& items = t.ExportOnly.emplace();
                for (const auto* m = only->FirstChildElement("member"); m; m = m->NextSiblingElement("member"))
                    items.emplace_back(m->GetText() ? m->GetText() : "");
            }
            t.SnapshotTime = time(e, "SnapshotTime");
            t.TaskStartTime = time(e, "TaskStartTime");
            t.TaskEndTime = time(e, "TaskEndTime");
            t.S3Bucket = text(e, "S3Bucket");
            t.S3Prefix = text(e, "S3Prefix");
            t.IamRoleArn = text(e, "IamRoleArn");
            t.KmsKeyId = text(e, "KmsKeyId");
            t.Status = text(e, "Status");
            t.PercentProgress = int32(e, "PercentProgress");
            t.TotalExtractedDataInGB = int32(e, "TotalExtractedDataInGB");
            t.FailureCause = text(e, "FailureCause");
            t.WarningMessage = text(e, "WarningMessage");
            t.SourceType = enumeration<awsq::rds::ExportSourceType>(e, "SourceType");
            tasks.push_back(std::move(t));
        }
    }
    const auto* meta = root->FirstChildElement("ResponseMetadata");
    request_id = meta ? text(meta, "RequestId").value_or("") : "";
    return true;
}

inline bool parse(const char* data, std::size_t size, awsq::redshift::DescribeTableRestoreStatusResult& out,
                  std::string& request_id) {
    tinyxml2::XMLDocument doc;
    if (doc.Parse(data, size) != tinyxml2::XML_SUCCESS) return false;
    const auto* root = doc.FirstChildElement("DescribeTableRestoreStatusResponse");
    const auto* result = root ? root->FirstChildElement("DescribeTableRestoreStatusResult") : nullptr;
    if (!result) return false;
    if (const auto* list = result->FirstChildElement("TableRestoreStatusDetails")) {
        auto& details = out.TableRestoreStatusDetails.emplace();
        for (const auto* e = list->FirstChildElement("TableRestoreStatus"); e;
             e = e->NextSiblingElement("TableRestoreStatus")) {
            awsq::redshift::TableRestoreStatus t;
            t.TableRestoreRequestId = text(e, "TableRestoreRequestId");
            t.Status = enumeration<awsq::redshift::TableRestoreStatusType>(e, "Status");
            t.Message = text(e, "Message");
            t.RequestTime = time(e, "RequestTime");
            t.ProgressInMegaBytes = int64(e, "ProgressInMegaBytes");
            t.TotalDataInMegaBytes = int64(e, "TotalDataInMegaBytes");
            t.ClusterIdentifier = text(e, "ClusterIdentifier");
            t.SnapshotIdentifier = text(e, "SnapshotIdentifier");
            t.SourceDatabaseName = text(e, "SourceDatabaseName");
            t.SourceSchemaName = text(e, "SourceSchemaName");
            t.SourceTableName = text(e, "SourceTableName");
            t.TargetDatabaseName = text(e, "TargetDatabaseName");
            t.TargetSchemaName = text(e, "TargetSchemaName");
            t.NewTableName = text(e, "NewTableName");
            details.push_back(std::move(t));
        }
    }
    out.Marker = text(result, "Marker");
    const auto* meta = root->FirstChildElement("ResponseMetadata");
    request_id = meta ? text(meta, "RequestId").value_or("") : "";
    return true;
}

}  // namespace handwritten
