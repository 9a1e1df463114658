# Sourced by build scripts: version_of PACKAGE prints the version Directory.Packages.props pins for it (for a
# property such as $(LeakCheckXunitVersion), that property's default). Needs $root, the repository root.
version_of() {
  local version
  version="$(sed -n "s/.*PackageVersion Include=\"$1\" Version=\"\([^\"]*\)\".*/\1/p" "$root/Directory.Packages.props")"
  case "$version" in
    '$('*')')
      local property="${version#\$(}"; property="${property%)}"
      sed -n "s/.*<$property Condition=[^>]*>\([^<]*\)<.*/\1/p" "$root/Directory.Packages.props" ;;
    *) echo "$version" ;;
  esac
}
