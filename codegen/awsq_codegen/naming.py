"""Naming: model names -> C++ identifiers that compile (keywords, macros, enum values like `t2.micro`)
and file names (boto3's snake_case for operations)."""

from __future__ import annotations

import re

CPP_KEYWORDS = frozenset("""
alignas alignof and and_eq asm auto bitand bitor bool break case catch char char8_t char16_t
char32_t class compl concept const consteval constexpr constinit const_cast continue co_await
co_return co_yield decltype default delete do double dynamic_cast else enum explicit export extern
false float for friend goto if inline int long mutable namespace new noexcept not not_eq nullptr
operator or or_eq private protected public register reinterpret_cast requires return short signed
sizeof static static_assert static_cast struct switch template this thread_local throw true try
typedef typeid typename union unsigned using virtual void volatile wchar_t while xor xor_eq
final override import module
""".split())

# Object-like macros a C++ translation unit may see under their plain names: the C and C++ standard
# library's (<cerrno>, <csignal>, <cstdio>, <cstdlib>, <cmath>, <climits>, <cfloat>, <clocale>,
# <ctime>, <cassert>), POSIX's most common ones, and what g++ predefines on Linux (unix, linux).
# A model name equal to one of them would be rewritten by the preprocessor.
RESERVED_MACROS = frozenset("""
NULL EOF TRUE FALSE BUFSIZ EXIT_SUCCESS EXIT_FAILURE INFINITY NAN CHAR_BIT errno assert stdin stdout
stderr unix linux major minor makedev DOMAIN OVERFLOW UNDERFLOW SING TLOSS PLOSS HUGE HUGE_VAL
HUGE_VALF HUGE_VALL FILENAME_MAX FOPEN_MAX L_tmpnam TMP_MAX SEEK_SET SEEK_CUR SEEK_END RAND_MAX
MB_CUR_MAX MB_LEN_MAX CLOCKS_PER_SEC TIME_UTC NDEBUG offsetof setjmp va_arg va_start va_end va_copy
FP_NAN FP_INFINITE FP_ZERO FP_SUBNORMAL FP_NORMAL MATH_ERRNO MATH_ERREXCEPT math_errhandling
LC_ALL LC_COLLATE LC_CTYPE LC_MONETARY LC_NUMERIC LC_TIME
CHAR_MIN CHAR_MAX SCHAR_MIN SCHAR_MAX UCHAR_MAX SHRT_MIN SHRT_MAX USHRT_MAX INT_MIN INT_MAX UINT_MAX
LONG_MIN LONG_MAX ULONG_MAX LLONG_MIN LLONG_MAX ULLONG_MAX SIZE_MAX PTRDIFF_MIN PTRDIFF_MAX
FLT_MIN FLT_MAX FLT_EPSILON DBL_MIN DBL_MAX DBL_EPSILON LDBL_MIN LDBL_MAX LDBL_EPSILON
SIGABRT SIGFPE SIGILL SIGINT SIGSEGV SIGTERM SIGHUP SIGKILL SIGPIPE SIGALRM SIGUSR1 SIGUSR2 SIGCHLD
SIGCONT SIGSTOP SIGTSTP SIGQUIT SIGTRAP SIGBUS SIG_DFL SIG_IGN SIG_ERR
E2BIG EACCES EADDRINUSE EADDRNOTAVAIL EAFNOSUPPORT EAGAIN EALREADY EBADF EBADMSG EBUSY ECANCELED
ECHILD ECONNABORTED ECONNREFUSED ECONNRESET EDEADLK EDESTADDRREQ EDOM EEXIST EFAULT EFBIG
EHOSTUNREACH EIDRM EILSEQ EINPROGRESS EINTR EINVAL EIO EISCONN EISDIR ELOOP EMFILE EMLINK EMSGSIZE
ENAMETOOLONG ENETDOWN ENETRESET ENETUNREACH ENFILE ENOBUFS ENODATA ENODEV ENOENT ENOEXEC ENOLCK
ENOLINK ENOMEM ENOMSG ENOPROTOOPT ENOSPC ENOSR ENOSTR ENOSYS ENOTCONN ENOTDIR ENOTEMPTY
ENOTRECOVERABLE ENOTSOCK ENOTSUP ENOTTY ENXIO EOPNOTSUPP EOVERFLOW EOWNERDEAD EPERM EPIPE EPROTO
EPROTONOSUPPORT EPROTOTYPE ERANGE EROFS ESPIPE ESRCH ETIME ETIMEDOUT ETXTBSY EWOULDBLOCK EXDEV
PATH_MAX NAME_MAX PIPE_BUF O_RDONLY O_WRONLY O_RDWR O_CREAT O_APPEND
""".split())

# Object-like macros of <windows.h> (winnt.h, wingdi.h, winbase.h, minwindef.h, rpcndr.h, and the
# A/W aliases of common functions) that are plain words: CloudFormation's DELETE and Elastic
# Beanstalk's ERROR would otherwise break a Windows build.
WINDOWS_MACROS = frozenset("""
ERROR DELETE DIFFERENCE IN OUT OPTIONAL CONST VOID NO_ERROR INFINITE IGNORE STRICT MAX_PATH interface
near far small hyper PASCAL CALLBACK WINAPI APIENTRY TRANSPARENT OPAQUE ABSOLUTE RELATIVE ALTERNATE
WINDING GetObject GetMessage SendMessage PostMessage CreateEvent DeleteFile CopyFile MoveFile
GetUserName GetComputerName CreateFile CreateDirectory RemoveDirectory CreateService DeleteService
StartService GetCurrentTime Yield LoadString LoadLibrary FormatMessage GetVersion
""".split())

_IDENT = re.compile(r"[A-Za-z_][A-Za-z0-9_]*\Z")


def identifier(name: str) -> str:
    """A valid, unreserved C++ identifier for a model name; the name itself whenever possible."""
    out = re.sub(r"[^A-Za-z0-9_]", "_", name)
    if not out or out[0].isdigit():
        out = "v" + out
    if out.startswith("_") or "__" in out:
        out = "v" + re.sub(r"_+", "_", out)
    if out in CPP_KEYWORDS or out in RESERVED_MACROS or out in WINDOWS_MACROS:
        out += "_"
    assert _IDENT.match(out), out
    return out


def distinct(base: str, taken) -> str:
    """`base`, or `base_2`, `base_3`, ... (`base_2` for `base_`): the first that is not in `taken`."""
    name, n = base, 2
    sep = "" if base.endswith("_") else "_"
    while name in taken:
        name, n = f"{base}{sep}{n}", n + 1
    return name


def enumerator_names(values: tuple[str, ...]) -> list[str]:
    """One distinct identifier per enum value, in order; later duplicates get a numeric suffix."""
    seen: set[str] = set()
    names = []
    for value in values:
        name = distinct(identifier(value), seen)
        seen.add(name)
        names.append(name)
    return names


# Operations boto3 names by hand rather than by the rule (botocore 1.43's table in botocore/__init__.py).
SNAKE_CASE_EXCEPTIONS = {
    "CreateCachediSCSIVolume": "create_cached_iscsi_volume",
    "DescribeCachediSCSIVolumes": "describe_cached_iscsi_volumes",
    "DescribeStorediSCSIVolumes": "describe_stored_iscsi_volumes",
    "CreateStorediSCSIVolume": "create_stored_iscsi_volume",
    "ListHITsForQualificationType": "list_hits_for_qualification_type",
    "ExecutePartiQLStatement": "execute_partiql_statement",
    "ExecutePartiQLTransaction": "execute_partiql_transaction",
    "ExecutePartiQLBatch": "execute_partiql_batch",
    "AssociateWhatsAppBusinessAccount": "associate_whatsapp_business_account",
    "CreateWhatsAppMessageTemplate": "create_whatsapp_message_template",
    "CreateWhatsAppMessageTemplateFromLibrary": "create_whatsapp_message_template_from_library",
    "CreateWhatsAppMessageTemplateMedia": "create_whatsapp_message_template_media",
    "DeleteWhatsAppMessageMedia": "delete_whatsapp_message_media",
    "DeleteWhatsAppMessageTemplate": "delete_whatsapp_message_template",
    "DisassociateWhatsAppBusinessAccount": "disassociate_whatsapp_business_account",
    "GetLinkedWhatsAppBusinessAccount": "get_linked_whatsapp_business_account",
    "GetLinkedWhatsAppBusinessAccountPhoneNumber": "get_linked_whatsapp_business_account_phone_number",
    "GetOTelEnrichment": "get_otel_enrichment",
    "GetWhatsAppMessageMedia": "get_whatsapp_message_media",
    "GetWhatsAppMessageTemplate": "get_whatsapp_message_template",
    "ListLinkedWhatsAppBusinessAccounts": "list_linked_whatsapp_business_accounts",
    "ListWhatsAppMessageTemplates": "list_whatsapp_message_templates",
    "ListWhatsAppTemplateLibrary": "list_whatsapp_template_library",
    "PostWhatsAppMessageMedia": "post_whatsapp_message_media",
    "PutWhatsAppBusinessAccountEventDestinations": "put_whatsapp_business_account_event_destinations",
    "SendWhatsAppMessage": "send_whatsapp_message",
    "StartOTelEnrichment": "start_otel_enrichment",
    "StopOTelEnrichment": "stop_otel_enrichment",
    "UpdateWhatsAppMessageTemplate": "update_whatsapp_message_template",
}

_FIRST_CAP = re.compile(r"(.)([A-Z][a-z]+)")
_END_CAP = re.compile(r"([a-z0-9])([A-Z])")
_PLURAL_ACRONYM = re.compile(r"[A-Z]{2,}s$")


def snake_case(name: str) -> str:
    """boto3's method name for an operation: DescribeDBInstances -> describe_db_instances.

    The same rule as botocore.xform_name: a trailing pluralised acronym (ARNs, CNAMEs) is one word,
    then a word starts at each capital followed by lower case and after each lower case or digit;
    boto3's exceptions to the rule are listed as it has them.
    """
    if name in SNAKE_CASE_EXCEPTIONS:
        return SNAKE_CASE_EXCEPTIONS[name]
    if "_" in name:
        return name
    plural = _PLURAL_ACRONYM.search(name)
    if plural:
        name = f"{name[:plural.start()]}_{plural.group().lower()}"
    return _END_CAP.sub(r"\1_\2", _FIRST_CAP.sub(r"\1_\2", name)).lower()
