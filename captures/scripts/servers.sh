# Configures and starts the real mail servers that captures/record.sh records, and stops them.
# Sourced by record.sh (bash). Everything lives under $BASE (a scratch directory wiped on every
# run); nothing in /etc is changed, no systemd is needed, and every daemon binds loopback only:
#
#   Dovecot 2.3   IMAP 143, POP3 110 on 127.0.0.1, 127.0.0.20 and ::1; LMTP and the SASL auth
#                 service on unix sockets (so Postfix's delivery and AUTH checks stay off the wire)
#   Postfix "internal" (mail.example.org)  SMTP 25 + submission 587 on 127.0.0.1, 127.0.0.20, ::1;
#                 delivers example.org to Dovecot over LMTP; relays for 127.0.0.10 only
#   Postfix "relay"    (dmz.example.org)   SMTP 25 + submission 587 on 127.0.0.10; relays
#                 example.org to [127.0.0.20]:25 from source address 127.0.0.10
#
# Users (Dovecot passwd-file, plaintext so CRAM-MD5 and APOP work): alice, bob, carol, dave,
# all with throwaway passwords (alice/wonderland, bob/builder, carol/singer, dave/diver).

DOVECOT_CONF="$BASE/dovecot/dovecot.conf"
TLS_DIR="$BASE/tls"

make_certificate() {
  mkdir -p "$TLS_DIR"
  openssl req -x509 -newkey rsa:2048 -nodes -days 3650 -sha256 \
    -subj "/O=mailscope test/CN=mail.example.org" \
    -addext "subjectAltName=DNS:mail.example.org,DNS:dmz.example.org,IP:127.0.0.1,IP:127.0.0.20" \
    -keyout "$TLS_DIR/key.pem" -out "$TLS_DIR/cert.pem" 2>/dev/null
  chmod 0644 "$TLS_DIR/cert.pem" "$TLS_DIR/key.pem"
}

write_dovecot() {
  local d="$BASE/dovecot"
  mkdir -p "$d/run" "$BASE/mail"
  chown nobody:nogroup "$BASE/mail"
  cat >"$d/users" <<'EOF'
alice:{PLAIN}wonderland::::::
bob:{PLAIN}builder::::::
carol:{PLAIN}singer::::::
dave:{PLAIN}diver::::::
EOF
  chmod 0644 "$d/users"
  cat >"$DOVECOT_CONF" <<EOF
# Dovecot for mailscope's recorded captures; loopback only, plaintext auth allowed on purpose
# (the captures must show USER/PASS, LOGIN and AUTH in the clear).
base_dir = $d/run
instance_name = mailscope-record
state_dir = $d/state
log_path = $d/dovecot.log
protocols = imap pop3 lmtp
listen = 127.0.0.1, 127.0.0.20, ::1
hostname = mail.example.org
login_greeting = Dovecot (mailscope test) ready.
ssl = yes
ssl_cert = <$TLS_DIR/cert.pem
ssl_key = <$TLS_DIR/key.pem
ssl_dh = </usr/share/dovecot/dh.pem
disable_plaintext_auth = no
auth_mechanisms = plain login cram-md5 apop
auth_username_format = %Ln
postmaster_address = postmaster@example.org
mail_location = maildir:$BASE/mail/%n
mail_uid = nobody
mail_gid = nogroup
first_valid_uid = 1
pop3_uidl_format = %08Xu%08Xv
mail_max_userip_connections = 50
passdb {
  driver = passwd-file
  args = scheme=PLAIN username_format=%n $d/users
}
userdb {
  driver = static
  args = uid=nobody gid=nogroup home=$BASE/mail/%n
}
service imap-login {
  inet_listener imaps {
    port = 0
  }
}
service pop3-login {
  inet_listener pop3s {
    port = 0
  }
}
service lmtp {
  unix_listener lmtp {
    mode = 0666
  }
}
service auth {
  unix_listener auth-postfix {
    mode = 0666
  }
}
namespace inbox {
  inbox = yes
  separator = /
}
EOF
}

# write_postfix NAME HOSTNAME "LISTEN ADDRESSES" MAIN_EXTRA
# Postfix refuses inet_interfaces addresses that no interface carries (127.0.0.20 is routed to lo
# but not assigned), so the listening addresses are written into master.cf as host:port services.
write_postfix() {
  local name=$1 host=$2 addrs=$3 extra=$4
  local p="$BASE/postfix-$name"
  mkdir -p "$p/etc" "$p/spool" "$p/data"
  chown postfix "$p/data"
  cat >"$p/etc/main.cf" <<EOF
# Postfix instance "$name" for mailscope's recorded captures (loopback only, no DNS).
compatibility_level = 3.6
config_directory = $p/etc
queue_directory = $p/spool
data_directory = $p/data
meta_directory = /etc/postfix
mail_owner = postfix
setgid_group = postdrop
maillog_file_prefixes = $BASE
maillog_file = $p/maillog
myhostname = $host
mydomain = example.org
myorigin = example.org
mydestination =
inet_interfaces = loopback-only
inet_protocols = all
smtpd_banner = \$myhostname ESMTP Postfix (mailscope test)
smtpd_peername_lookup = no
smtp_dns_support_level = disabled
lmtp_dns_support_level = disabled
smtp_host_lookup = native
biff = no
alias_maps =
alias_database =
local_recipient_maps =
smtpd_tls_cert_file = $TLS_DIR/cert.pem
smtpd_tls_key_file = $TLS_DIR/key.pem
smtpd_tls_security_level = may
smtpd_tls_auth_only = no
smtpd_sasl_type = dovecot
smtpd_sasl_path = $BASE/dovecot/run/auth-postfix
smtpd_relay_restrictions = permit_mynetworks, permit_sasl_authenticated, reject_unauth_destination
$extra
EOF
  local a
  {
    echo "# service type  private unpriv  chroot  wakeup  maxproc command"
    for a in $addrs; do
      echo "$a:smtp inet  n       -       n       -       -       smtpd"
      echo "$a:submission inet  n -    n       -       -       smtpd"
      echo "  -o syslog_name=postfix/submission"
      echo "  -o smtpd_sasl_auth_enable=yes"
      echo "  -o smtpd_relay_restrictions=permit_sasl_authenticated,reject"
    done
  } >"$p/etc/master.cf"
  cat >>"$p/etc/master.cf" <<'EOF'
pickup     unix  n       -       n       60      1       pickup
cleanup    unix  n       -       n       -       0       cleanup
qmgr       unix  n       -       n       300     1       qmgr
tlsmgr     unix  -       -       n       1000?   1       tlsmgr
rewrite    unix  -       -       n       -       -       trivial-rewrite
bounce     unix  -       -       n       -       0       bounce
defer      unix  -       -       n       -       0       bounce
trace      unix  -       -       n       -       0       bounce
verify     unix  -       -       n       -       1       verify
flush      unix  n       -       n       1000?   0       flush
proxymap   unix  -       -       n       -       -       proxymap
smtp       unix  -       -       n       -       -       smtp
relay      unix  -       -       n       -       -       smtp
showq      unix  n       -       n       -       -       showq
error      unix  -       -       n       -       -       error
retry      unix  -       -       n       -       -       error
discard    unix  -       -       n       -       -       discard
lmtp       unix  -       -       n       -       -       lmtp
anvil      unix  -       -       n       -       1       anvil
scache     unix  -       -       n       -       1       scache
postlog    unix-dgram n  -       n       -       1       postlogd
EOF
}

write_servers() {
  make_certificate
  write_dovecot
  # mynetworks holds only the DMZ relay, so a client on 127.0.0.1 that tries to relay is refused.
  write_postfix internal mail.example.org "127.0.0.1 127.0.0.20 [::1]" "mynetworks = 127.0.0.10/32
virtual_mailbox_domains = example.org
virtual_mailbox_maps = texthash:$BASE/postfix-internal/etc/vmailbox
virtual_transport = lmtp:unix:$BASE/dovecot/run/lmtp"
  printf '%s\n' "alice@example.org x" "bob@example.org x" "carol@example.org x" "dave@example.org x" \
    >"$BASE/postfix-internal/etc/vmailbox"
  write_postfix relay dmz.example.org "127.0.0.10" "mynetworks = 127.0.0.0/8
relay_domains = example.org
relayhost = [127.0.0.20]:25
smtp_bind_address = 127.0.0.10"
}

wait_port() { # HOST PORT
  # Looks at the listening sockets instead of connecting: a probe connection would leave a
  # greeting and a reset in the next capture.
  local want i
  case $1 in *:*) want="[$1]:$2" ;; *) want="$1:$2" ;; esac
  for i in $(seq 1 100); do
    if ss -Hltn | awk '{print $4}' | grep -qxF "$want"; then return 0; fi
    sleep 0.1
  done
  echo "record.sh: nothing listens on $1 port $2; see the logs under $BASE" >&2
  return 1
}

start_servers() {
  dovecot -c "$DOVECOT_CONF"
  # postfix(1) reports its fatal errors only to syslog or a terminal: give it a terminal.
  local n
  for n in internal relay; do
    script -qec "postfix -c $BASE/postfix-$n/etc start" /dev/null >"$BASE/postfix-$n.start" 2>&1 || {
      cat "$BASE/postfix-$n.start" >&2
      return 1
    }
  done
  wait_port 127.0.0.1 143
  wait_port 127.0.0.1 110
  wait_port 127.0.0.1 25
  wait_port 127.0.0.1 587
  wait_port 127.0.0.20 25
  wait_port 127.0.0.10 25
  wait_port 127.0.0.10 587
  wait_port ::1 25
  wait_port ::1 143
}

stop_servers() {
  [ -d "$BASE" ] || return 0
  local n
  for n in internal relay; do
    if [ -f "$BASE/postfix-$n/etc/main.cf" ]; then
      postfix -c "$BASE/postfix-$n/etc" stop >/dev/null 2>&1 || true
    fi
  done
  if [ -f "$DOVECOT_CONF" ]; then
    doveadm -c "$DOVECOT_CONF" stop >/dev/null 2>&1 || true
  fi
  sleep 1
}
