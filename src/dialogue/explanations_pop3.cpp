// dialogue/explanations_pop3.cpp — the POP3 rows of the explanation table, English and Japanese.
//
// Every key Pop3Decoder can produce has a row: pop3.greeting*, pop3.cmd.<VERB> (and .unknown),
// pop3.status.ok/err, pop3.code.<CODE> (RFC 2449 §8, RFC 3206), pop3.continuation,
// pop3.data.RETR/TOP, pop3.reply.unknown, pop3.state.<state>. Written for learners: POP3
// downloads mail; the server keeps no shared "read" state, only deletion marks applied at QUIT.
#include <iterator>

#include "dialogue/explanations.h"

namespace mailscope {
namespace {

constexpr ExplanationEntry kPop3[] = {
    // [SECTION] overview and greeting
    {"pop3.overview",
     "POP3 (RFC 1939, port 110) downloads mail from a mailbox to one client. The server keeps no "
     "read/unread flags: it only deletes the messages marked with DELE when the client says QUIT.",
     "POP3（RFC 1939、ポート 110）は、メールボックスのメールをクライアントへダウンロードする"
     "プロトコルです。サーバには既読・未読の情報は残らず、DELE で削除マークを付けたメールが QUIT "
     "の時点で削除されるだけです。"},
    {"pop3.greeting",
     "The server's greeting: \"+OK\" means it is ready. The session is now in the AUTHORIZATION "
     "state, waiting for the user to log in.",
     "サーバのグリーティングです。「+OK」は受付可能を意味します。ここから AUTHORIZATION（認証）"
     "状態になり、ユーザのログインを待ちます。"},
    {"pop3.greeting.apop",
     "The greeting carries a timestamp in angle brackets. It is the APOP challenge: a client may "
     "log in by sending MD5(timestamp + password) instead of the password.",
     "グリーティングに山括弧で囲まれたタイムスタンプがあります。これが APOP のチャレンジで、"
     "クライアントはパスワードの代わりに MD5(タイムスタンプ＋パスワード) "
     "を送ってログインできます。"},
    {"pop3.greeting.err",
     "The server greets with \"-ERR\": it refuses the session (often overloaded or blocked).",
     "サーバが「-ERR」で応答しました。セッションを受け付けません（過負荷や接続拒否など）。"},

    // [SECTION] commands (RFC 1939 §5-7, RFC 2449, RFC 5034, RFC 2595, RFC 6856)
    {"pop3.cmd.USER", "USER names the mailbox to log in to; PASS with the password follows.",
     "USER でログインするメールボックス（ユーザ名）を指定します。続いて PASS "
     "でパスワードを送ります。"},
    {"pop3.cmd.PASS",
     "PASS sends the password as plain text. Without TLS (STLS) anyone on the path can read it.",
     "PASS はパスワードを平文のまま送ります。TLS（STLS）がなければ経路上の誰でも読み取れます。"},
    {"pop3.cmd.APOP",
     "APOP logs in with a user name and the MD5 digest of the greeting's timestamp plus the "
     "password, so the password itself is not sent. The digest can still be attacked offline.",
     "APOP はユーザ名と、グリーティングのタイムスタンプとパスワードをつなげた MD5 ダイジェストで"
     "ログインします。パスワード自体は送られませんが、ダイジェストからの解読（オフライン攻撃）は可"
     "能です。"},
    {"pop3.cmd.STAT",
     "STAT asks how many messages the mailbox holds and their total size in octets.",
     "STAT はメールボックス内のメール数と合計サイズ（オクテット数）を問い合わせます。"},
    {"pop3.cmd.LIST",
     "LIST gives the size of each message; with a message number, only that one (one line).",
     "LIST は各メールのサイズを一覧で返します。メール番号を付けると、そのメールだけを 1 "
     "行で返します。"},
    {"pop3.cmd.UIDL",
     "UIDL gives each message's unique ID, which stays the same across sessions; clients use it "
     "to know which messages they have already downloaded.",
     "UIDL は各メールの一意な ID を返します。セッションをまたいでも変わらないため、クライアントは"
     "ダウンロード済みのメールを判別するのに使います。"},
    {"pop3.cmd.RETR",
     "RETR downloads one whole message. It stays on the server unless the client deletes it.",
     "RETR はメールを 1 "
     "通まるごとダウンロードします。クライアントが削除しない限り、サーバに残ります。"},
    {"pop3.cmd.TOP",
     "TOP downloads a message's header and its first n body lines, e.g. to preview it.",
     "TOP はメールのヘッダと本文の先頭 n 行だけを取り出します。プレビューなどに使います。"},
    {"pop3.cmd.DELE",
     "DELE marks a message as deleted. It is really removed only when the session ends with QUIT.",
     "DELE はメールに削除マークを付けます。実際に削除されるのは QUIT "
     "でセッションを終えたときです。"},
    {"pop3.cmd.RSET", "RSET removes every deletion mark made in this session.",
     "RSET はこのセッションで付けた削除マークをすべて取り消します。"},
    {"pop3.cmd.NOOP", "NOOP does nothing; the server answers \"+OK\" (keeps the session alive).",
     "NOOP は何もしないコマンドです。サーバは「+OK」と応答します（接続の維持に使います）。"},
    {"pop3.cmd.QUIT",
     "QUIT ends the session. After a login the server enters UPDATE and deletes the marked "
     "messages; before a login nothing changes.",
     "QUIT でセッションを終了します。ログイン後であればサーバは UPDATE 状態に入り、削除マークの"
     "付いたメールを削除します。ログイン前なら何も変わりません。"},
    {"pop3.cmd.LAST",
     "LAST (obsolete, RFC 1460) asks for the highest message number accessed. Today UIDL is used "
     "instead.",
     "LAST（廃止、RFC 1460）は、アクセスした最大のメール番号を問い合わせます。現在は代わりに UIDL "
     "が使われます。"},
    {"pop3.cmd.CAPA",
     "CAPA (RFC 2449) asks which extensions the server supports: TOP, UIDL, SASL, STLS, "
     "PIPELINING, ...",
     "CAPA（RFC 2449）は、サーバが対応する拡張機能（TOP、UIDL、SASL、STLS、PIPELINING など）を"
     "問い合わせます。"},
    {"pop3.cmd.AUTH",
     "AUTH (RFC 5034) logs in with a SASL mechanism such as PLAIN, LOGIN or CRAM-MD5; without a "
     "mechanism it asks for the list of mechanisms.",
     "AUTH（RFC 5034）は PLAIN、LOGIN、CRAM-MD5 などの SASL 方式で認証します。方式を付けないと、"
     "使える認証方式の一覧を問い合わせます。"},
    {"pop3.cmd.STLS",
     "STLS (RFC 2595) asks to switch this connection to TLS; after \"+OK\" everything is "
     "encrypted.",
     "STLS（RFC 2595）はこの接続を TLS に切り替える要求です。「+OK」の後はすべて暗号化されます。"},
    {"pop3.cmd.UTF8", "UTF8 (RFC 6856) switches the session to UTF-8 user names and messages.",
     "UTF8（RFC 6856）は、ユーザ名やメールに UTF-8 を使うモードに切り替えます。"},
    {"pop3.cmd.LANG",
     "LANG (RFC 6856) chooses the language of the server's replies; without argument it lists "
     "the languages.",
     "LANG（RFC "
     "6856）はサーバの応答メッセージの言語を選びます。引数なしでは使える言語を一覧表示します。"},
    {"pop3.cmd.unknown",
     "A command this program does not know (perhaps a vendor extension); it is shown as sent.",
     "このプログラムが知らないコマンドです（独自拡張など）。送られたとおりに表示しています。"},

    // [SECTION] replies
    {"pop3.status.ok", "\"+OK\": the server carried out the command.",
     "「+OK」：サーバはコマンドを正常に実行しました（肯定応答）。"},
    {"pop3.status.err", "\"-ERR\": the command failed. A \"-ERR\" reply is always a single line.",
     "「-ERR」：コマンドは失敗しました（否定応答）。-ERR の応答は常に 1 行です。"},
    {"pop3.continuation",
     "\"+ \" during AUTH: a SASL challenge (base64) from the server; the client answers with one "
     "base64 line.",
     "AUTH の途中の「+ 」：サーバからの SASL のチャレンジ（Base64）です。クライアントは Base64 の "
     "1 行で応答します。"},
    {"pop3.reply.unknown",
     "A server line that starts with neither \"+OK\" nor \"-ERR\"; it is shown as sent.",
     "「+OK」でも「-ERR」でも始まらないサーバの行です。送られたとおりに表示しています。"},
    {"pop3.data.RETR",
     "The downloaded message: header and body. Lines starting with \".\" were sent with an extra "
     "\".\" (dot-stuffing), removed here; a line with only \".\" ended it.",
     "ダウンロードされたメール本体（ヘッダと本文）です。「.」で始まる行には送信時に「.」が 1 つ追加"
     "されており（ドットスタッフィング）、ここでは取り除いています。「."
     "」だけの行が終わりの印です。"},
    {"pop3.data.TOP",
     "The header and the first lines of the message requested with TOP (dot-stuffing removed).",
     "TOP "
     "で要求したメールのヘッダと本文の先頭部分です（ドットスタッフィングは取り除いています）。"},

    // [SECTION] extended response codes (RFC 2449 §8, RFC 3206, RFC 6856)
    {"pop3.code.IN-USE",
     "[IN-USE]: the mailbox is locked by another session (perhaps another client is "
     "downloading).",
     "[IN-USE]"
     "：メールボックスが別のセッションでロックされています（他のクライアントが受信中など）。"},
    {"pop3.code.LOGIN-DELAY",
     "[LOGIN-DELAY]: the user logged in too recently; wait before trying again.",
     "[LOGIN-DELAY]：前回のログインから間がなさすぎます。しばらく待ってから再試行します。"},
    {"pop3.code.SYS/TEMP",
     "[SYS/TEMP]: a temporary problem on the server, not the user's fault; try again later.",
     "[SYS/TEMP]：サーバ側の一時的な障害です。利用者の誤りではないので、後で再試行します。"},
    {"pop3.code.SYS/PERM",
     "[SYS/PERM]: a lasting problem on the server; retrying will not help soon.",
     "[SYS/PERM]：サーバ側の恒久的な障害です。すぐに再試行しても成功しません。"},
    {"pop3.code.AUTH",
     "[AUTH]: the login was refused because of the credentials (wrong user name or password).",
     "[AUTH]：認証情報（ユーザ名やパスワード）の誤りのため、ログインが拒否されました。"},
    {"pop3.code.UTF8", "[UTF8]: the command needs UTF-8 mode (RFC 6856), which is not enabled.",
     "[UTF8]：このコマンドには UTF-8 モード（RFC 6856）が必要ですが、有効になっていません。"},
    {"pop3.code.unknown",
     "A bracketed response code this program does not know; the text after it explains it.",
     "このプログラムが知らない角括弧付きの応答コードです。後に続く文で内容が説明されています。"},

    // [SECTION] states (RFC 1939 §3)
    {"pop3.state.authorization",
     "AUTHORIZATION: the client has not logged in yet (USER/PASS, APOP or AUTH).",
     "AUTHORIZATION 状態：まだログインしていません（USER/PASS、APOP、AUTH で認証します）。"},
    {"pop3.state.transaction",
     "TRANSACTION: logged in, the mailbox is locked for this session; the client lists, downloads "
     "and marks messages for deletion.",
     "TRANSACTION 状態：ログイン済みで、メールボックスはこのセッション専用にロックされています。"
     "一覧の取得、ダウンロード、削除マークの付与を行います。"},
    {"pop3.state.update",
     "UPDATE: after QUIT the server deletes the marked messages and releases the mailbox. POP3 "
     "keeps no other state: unmarked messages stay, with no \"read\" flag.",
     "UPDATE 状態：QUIT "
     "の後、サーバは削除マークの付いたメールを削除し、メールボックスを解放します。"
     "POP3 にはそれ以外の状態はなく、残ったメールに既読の印は付きません。"},
    {"pop3.state.closed", "The session ended before a login: nothing in the mailbox changed.",
     "ログインする前にセッションが終了しました。メールボックスは何も変わりません。"},
    {"pop3.state.tls",
     "After STLS the connection is encrypted with TLS: the POP3 dialogue can no longer be read.",
     "STLS の後、接続は TLS で暗号化されています。POP3 のやり取りはもう読めません。"},
};

}  // namespace

ExplanationTable explanations_pop3() { return {kPop3, std::size(kPop3)}; }

}  // namespace mailscope
