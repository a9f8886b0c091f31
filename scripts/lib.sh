# Shared by scripts/demo and scripts/test: install what is missing, configure and build.
# Sourced, not run.

# Debian packages the build needs, and those only the tests and the demo need.
SVCDESC_BUILD_PACKAGES=(cmake ninja-build g++ pkg-config libcli11-dev libfmt-dev libpugixml-dev
    libcurl4-openssl-dev libssl-dev libutf8proc-dev rapidjson-dev libvalijson-dev
    libvoikko-dev voikko-fi libcld2-dev libmodest-dev libuchardet-dev liburiparser-dev libsqlite3-dev)
SVCDESC_TEST_PACKAGES=(doctest-dev json-schema-test-suite python3 chromium libxml2-utils dpkg-dev
    clang-14 libclang-rt-14-dev python3-jsonschema nginx-light openssl)
SVCDESC_DEMO_PACKAGES=(jq bsdextrautils)

say() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }

# Installs the packages that are not installed yet: apt-get update once, then install only those.
install_missing() {
    local missing=() p
    for p in "$@"; do
        dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
    done
    if [ ${#missing[@]} -eq 0 ]; then
        say "all ${#@} Debian packages are installed"
        return 0
    fi
    if [ "$(id -u)" -ne 0 ]; then
        echo "svcdesc: error: missing Debian packages: ${missing[*]}" >&2
        echo "  run as root: apt-get update && apt-get install -y ${missing[*]}" >&2
        exit 2
    fi
    say "installing ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq || exit 2
    apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null || exit 2
}

# configure_and_build DIR [cmake options...]: configures DIR once, then builds incrementally.
configure_and_build() {
    local dir=$1
    shift
    if [ ! -f "$dir/CMakeCache.txt" ]; then
        say "configuring $dir"
        cmake -S "$SVCDESC_ROOT" -B "$dir" -G Ninja "$@" >/dev/null || exit 2
    fi
    say "building $dir"
    cmake --build "$dir" -j "$(nproc)" | grep -v '^\[' || true
    [ "${PIPESTATUS[0]}" -eq 0 ] || exit 2
}
