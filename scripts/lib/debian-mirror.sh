# Sourced (POSIX sh): debian_mirror ARCHIVE prints the URI this host's apt sources use for ARCHIVE (debian or
# debian-security), from deb822 .sources files or one-line .list files, or nothing. The sources are only read.
debian_mirror() {
  { grep -hs '^URIs:' /etc/apt/sources.list.d/*.sources | awk '{ for (i = 2; i <= NF; i++) print $i }'
    grep -hs '^deb ' /etc/apt/sources.list /etc/apt/sources.list.d/*.list | sed 's/\[[^]]*\]//' | awk '{ print $2 }'
  } | grep -E "/$1/?\$" | head -n 1 || true
}
