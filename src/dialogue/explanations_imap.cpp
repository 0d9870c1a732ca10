// dialogue/explanations_imap.cpp — what every IMAP key means, in English and Japanese.
//
// Every key ImapDecoder (protocols/imap) can put in explain_key or state_key has a row here:
// imap.cmd.<VERB> (UID variants as UID_FETCH ...), imap.greeting.*, imap.status.* (tagged
// replies), imap.untagged.* (server data and untagged status), imap.code.* (bracketed response
// codes), imap.continuation.*, imap.state.*, plus imap.flag.* and imap.literal* for the
// inspector. Family fallbacks: imap.cmd.unknown, imap.untagged.unknown, imap.code.unknown,
// imap.status.unknown. Written for learners, in the project's own words.
#include "dialogue/explanations.h"

namespace mailscope {
namespace {

const ExplanationEntry kImap[] = {
    // [SECTION] commands, any state (RFC 3501 §6.1)
    {"imap.cmd.CAPABILITY",
     "CAPABILITY asks the server which features and login methods it supports.",
     "CAPABILITY は、サーバが対応している機能や認証方式の一覧を問い合わせるコマンドです。"},
    {"imap.cmd.NOOP",
     "NOOP does nothing; it keeps the connection alive and lets the server report news such as new "
     "mail.",
     "NOOP "
     "は何もしないコマンドです。接続を保ち、新着メールなどの通知をサーバから受け取るために使います"
     "。"},
    {"imap.cmd.LOGOUT", "LOGOUT ends the session: the server says BYE and closes the connection.",
     "LOGOUT はセッションを終了するコマンドです。サーバは BYE を返して接続を閉じます。"},
    {"imap.cmd.ID",
     "ID exchanges the names and versions of the client and server software (RFC 2971).",
     "ID は、クライアントとサーバのソフトウェア名やバージョンを互いに伝えるコマンドです（RFC "
     "2971）。"},
    {"imap.cmd.ENABLE",
     "ENABLE switches on extensions that change how the server answers (RFC 5161).",
     "ENABLE は、サーバの応答の仕方を変える拡張機能を有効にするコマンドです（RFC 5161）。"},
    // [SECTION] commands before login (§6.2)
    {"imap.cmd.STARTTLS",
     "STARTTLS turns this plain connection into an encrypted TLS connection before logging in.",
     "STARTTLS は、ログインの前に平文の接続を TLS で暗号化された接続に切り替えるコマンドです。"},
    {"imap.cmd.AUTHENTICATE",
     "AUTHENTICATE logs in with a SASL mechanism; the server asks with \"+\" lines and the client "
     "answers in base64.",
     "AUTHENTICATE は SASL "
     "の認証方式でログインするコマンドです。サーバが「+」行で問いかけ、クライアントが Base64 "
     "で答えます。"},
    {"imap.cmd.LOGIN",
     "LOGIN sends the user name and the password as plain text: anyone who captures the traffic "
     "can read them unless TLS is used.",
     "LOGIN はユーザ名とパスワードを平文のまま送るコマンドです。TLS "
     "を使っていなければ、通信を傍受した人に読まれてしまいます。"},
    // [SECTION] commands after login (§6.3)
    {"imap.cmd.SELECT",
     "SELECT opens a mailbox for reading and changing; the server reports how many messages it "
     "holds.",
     "SELECT "
     "はメールボックスを読み書きできる状態で開くコマンドです。サーバはメッセージ数などを知らせます"
     "。"},
    {"imap.cmd.EXAMINE",
     "EXAMINE opens a mailbox read-only: nothing in it can be changed, not even the \\Seen flag.",
     "EXAMINE "
     "はメールボックスを読み取り専用で開くコマンドです。既読フラグ（\\Seen）も含めて何も変更できま"
     "せん。"},
    {"imap.cmd.CREATE", "CREATE makes a new mailbox (folder) on the server.",
     "CREATE はサーバ上に新しいメールボックス（フォルダ）を作るコマンドです。"},
    {"imap.cmd.DELETE", "DELETE removes a mailbox from the server.",
     "DELETE はサーバ上のメールボックスを削除するコマンドです。"},
    {"imap.cmd.RENAME", "RENAME gives a mailbox a new name.",
     "RENAME はメールボックスの名前を変更するコマンドです。"},
    {"imap.cmd.SUBSCRIBE", "SUBSCRIBE adds a mailbox to the list the client wants to show.",
     "SUBSCRIBE "
     "は、クライアントに表示したいメールボックスの一覧（購読リスト）に追加するコマンドです。"},
    {"imap.cmd.UNSUBSCRIBE", "UNSUBSCRIBE removes a mailbox from the subscription list.",
     "UNSUBSCRIBE は、購読リストからメールボックスを外すコマンドです。"},
    {"imap.cmd.LIST",
     "LIST asks which mailboxes exist; \"*\" matches every name. Names outside ASCII come in "
     "modified UTF-7.",
     "LIST "
     "は存在するメールボックスを一覧表示するコマンドです。「*"
     "」はすべての名前に一致します。日本語の名前は修正 UTF-7 で表されます。"},
    {"imap.cmd.LSUB", "LSUB lists only the subscribed mailboxes.",
     "LSUB は購読中のメールボックスだけを一覧表示するコマンドです。"},
    {"imap.cmd.XLIST",
     "XLIST is Gmail's older LIST that also marks special folders such as Sent and Trash.",
     "XLIST は Gmail の旧式の LIST で、送信済みやごみ箱などの特別なフォルダも示します。"},
    {"imap.cmd.STATUS",
     "STATUS asks for counts (messages, unseen, next UID) of a mailbox without opening it.",
     "STATUS は、メールボックスを開かずにメッセージ数や未読数、次の UID "
     "などを問い合わせるコマンドです。"},
    {"imap.cmd.APPEND",
     "APPEND uploads a whole message into a mailbox, for example a sent mail into Sent.",
     "APPEND "
     "はメッセージ全体をメールボックスに保存するコマンドです。例えば送信したメールを送信済みフォル"
     "ダに入れるときに使います。"},
    {"imap.cmd.NAMESPACE",
     "NAMESPACE asks where personal, other users' and shared mailboxes live and which separator "
     "they use.",
     "NAMESPACE "
     "は、個人用・他ユーザ用・共有のメールボックスがどこにあり、どの区切り文字を使うかを問い合わせ"
     "るコマンドです。"},
    {"imap.cmd.IDLE",
     "IDLE lets the server push news (new mail, flag changes) at once instead of waiting to be "
     "asked.",
     "IDLE "
     "は、新着メールやフラグの変化を、問い合わせを待たずにサーバからすぐ知らせてもらうためのコマン"
     "ドです。"},
    {"imap.cmd.DONE",
     "DONE ends IDLE; the server then completes the IDLE command with a tagged OK.",
     "DONE は IDLE を終わらせる行です。サーバはそのあとタグ付きの OK で IDLE を完了させます。"},
    {"imap.cmd.GETQUOTA", "GETQUOTA asks how much storage a quota root allows and uses.",
     "GETQUOTA は、容量制限（クォータ）の上限と使用量を問い合わせるコマンドです。"},
    {"imap.cmd.GETQUOTAROOT", "GETQUOTAROOT asks which storage quota applies to a mailbox.",
     "GETQUOTAROOT は、メールボックスにどの容量制限が適用されるかを問い合わせるコマンドです。"},
    {"imap.cmd.COMPRESS", "COMPRESS turns on compression for the rest of the connection.",
     "COMPRESS は、以降の通信を圧縮するコマンドです。"},
    // [SECTION] commands in a selected mailbox (§6.4)
    {"imap.cmd.CHECK", "CHECK asks the server to save the mailbox's state to disk.",
     "CHECK は、メールボックスの状態をディスクに保存するようサーバに求めるコマンドです。"},
    {"imap.cmd.CLOSE",
     "CLOSE leaves the mailbox and permanently removes the messages flagged \\Deleted.",
     "CLOSE はメールボックスを閉じるコマンドで、\\Deleted の付いたメッセージを完全に削除します。"},
    {"imap.cmd.UNSELECT", "UNSELECT leaves the mailbox without removing anything.",
     "UNSELECT は何も削除せずにメールボックスを閉じるコマンドです。"},
    {"imap.cmd.EXPUNGE", "EXPUNGE permanently removes every message flagged \\Deleted.",
     "EXPUNGE は、\\Deleted の付いたメッセージをすべて完全に削除するコマンドです。"},
    {"imap.cmd.SEARCH",
     "SEARCH asks the server which messages match conditions (sender, date, unseen ...): the "
     "search runs on the server.",
     "SEARCH は、差出人・日付・未読などの条件に合うメッセージをサーバ側で検索するコマンドです。"},
    {"imap.cmd.FETCH",
     "FETCH retrieves parts of messages: flags, headers, the body, or the whole message.",
     "FETCH はメッセージのフラグ、ヘッダ、本文、全体などを取り出すコマンドです。"},
    {"imap.cmd.STORE",
     "STORE changes a message's flags on the server, e.g. +FLAGS (\\Seen) marks it read for every "
     "device.",
     "STORE はサーバ上のメッセージのフラグを変更するコマンドです。例えば +FLAGS (\\Seen) "
     "で既読にすると、どの端末から見ても既読になります。"},
    {"imap.cmd.COPY", "COPY copies messages into another mailbox.",
     "COPY はメッセージを別のメールボックスにコピーするコマンドです。"},
    {"imap.cmd.MOVE", "MOVE moves messages into another mailbox in one step (RFC 6851).",
     "MOVE はメッセージを一度の操作で別のメールボックスに移動するコマンドです（RFC 6851）。"},
    {"imap.cmd.SORT", "SORT asks the server to search and sort messages (by date, sender ...).",
     "SORT は、メッセージの検索と並べ替え（日付順・差出人順など）をサーバに行わせるコマンドです。"},
    {"imap.cmd.THREAD", "THREAD asks the server to group messages into conversations.",
     "THREAD は、メッセージを会話（スレッド）ごとにまとめるようサーバに求めるコマンドです。"},
    {"imap.cmd.UID_FETCH",
     "UID FETCH is FETCH with messages named by their UID, a number that does not change when "
     "others are deleted.",
     "UID FETCH は、メッセージを UID（他のメッセージが削除されても変わらない番号）で指定する FETCH "
     "です。"},
    {"imap.cmd.UID_STORE", "UID STORE changes flags of messages named by UID.",
     "UID STORE は、UID で指定したメッセージのフラグを変更するコマンドです。"},
    {"imap.cmd.UID_SEARCH",
     "UID SEARCH searches on the server and answers with UIDs instead of message numbers.",
     "UID SEARCH はサーバ側で検索し、結果をメッセージ番号ではなく UID で返すコマンドです。"},
    {"imap.cmd.UID_COPY", "UID COPY copies messages named by UID into another mailbox.",
     "UID COPY は、UID で指定したメッセージを別のメールボックスにコピーするコマンドです。"},
    {"imap.cmd.UID_MOVE", "UID MOVE moves messages named by UID into another mailbox.",
     "UID MOVE は、UID で指定したメッセージを別のメールボックスに移動するコマンドです。"},
    {"imap.cmd.UID_EXPUNGE",
     "UID EXPUNGE permanently removes only the \\Deleted messages with the given UIDs (UIDPLUS).",
     "UID EXPUNGE は、指定した UID のうち \\Deleted "
     "の付いたメッセージだけを完全に削除します（UIDPLUS）。"},
    {"imap.cmd.UID_SORT", "UID SORT sorts like SORT and answers with UIDs.",
     "UID SORT は SORT と同じく並べ替え、結果を UID で返すコマンドです。"},
    {"imap.cmd.UID_THREAD", "UID THREAD groups conversations like THREAD and answers with UIDs.",
     "UID THREAD は THREAD と同じくスレッドにまとめ、結果を UID で返すコマンドです。"},
    {"imap.cmd.unknown",
     "A command this program does not know (an extension or a typo); it is shown as sent.",
     "このプログラムが知らないコマンドです（拡張機能か入力ミス）。送られたとおりに表示しています"
     "。"},
    {"imap.auth_response",
     "The client's answer to a SASL challenge, base64-encoded: encoded, not encrypted.",
     "SASL の問いかけに対するクライアントの応答です。Base64 "
     "で符号化されているだけで、暗号化はされていません。"},
    {"imap.partial", "An incomplete line: the capture lost bytes or ended before the line did.",
     "途中で切れた行です。キャプチャでデータが欠けたか、行の途中でキャプチャが終わりました。"},
    {"imap.literal",
     "A literal {n}: the next n bytes are sent as they are, which lets a string hold any bytes, "
     "even line breaks.",
     "リテラル {n} は、続く n "
     "バイトをそのまま送る形式です。改行を含む任意のデータを文字列として送れます。"},
    {"imap.literal_plus",
     "A literal {n+} (LITERAL+): the client sends the bytes at once without waiting for \"+\".",
     "リテラル {n+}（LITERAL+）では、クライアントは「+」を待たずにすぐデータを送ります。"},

    // [SECTION] continuations (RFC 3501 §7.5)
    {"imap.continuation.literal",
     "\"+\": the server is ready for the literal's bytes the client announced with {n}.",
     "「+」は、クライアントが {n} "
     "で予告したリテラルのデータを受け取る準備ができたという合図です。"},
    {"imap.continuation.sasl",
     "\"+\" with a base64 challenge: the server asks the next authentication question.",
     "Base64 のチャレンジ付きの「+」です。サーバが認証の次の問いかけをしています。"},
    {"imap.continuation.idle",
     "\"+ idling\": the server is now in IDLE and will report changes as they happen.",
     "「+ idling」は、サーバが IDLE 状態に入り、変化があればすぐ知らせることを表します。"},
    {"imap.continuation.other", "\"+\": the server waits for more from the client.",
     "「+」は、サーバがクライアントからの続きを待っていることを表します。"},

    // [SECTION] greeting (RFC 3501 §7.1)
    {"imap.greeting.OK", "The server's greeting: it is ready, and the client must log in first.",
     "サーバの挨拶です。準備ができており、クライアントはまずログインする必要があります。"},
    {"imap.greeting.PREAUTH",
     "A PREAUTH greeting: the connection is already authenticated (for example by its origin), no "
     "login needed.",
     "PREAUTH の挨拶です。接続元などによりすでに認証済みとされ、ログインは不要です。"},
    {"imap.greeting.BYE", "A BYE greeting: the server refuses this connection and closes it.",
     "BYE の挨拶です。サーバはこの接続を拒否して切断します。"},

    // [SECTION] tagged replies (RFC 3501 §7.1)
    {"imap.status.OK", "Tagged OK: the command with this tag finished successfully.",
     "タグ付きの OK は、そのタグのコマンドが正常に完了したことを示します。"},
    {"imap.status.NO",
     "Tagged NO: the command with this tag failed (e.g. wrong password, no such mailbox).",
     "タグ付きの NO "
     "は、そのタグのコマンドが失敗したことを示します（パスワード誤り、メールボックスが無いなど）"
     "。"},
    {"imap.status.BAD",
     "Tagged BAD: the server did not understand the command (syntax error or wrong state).",
     "タグ付きの BAD は、コマンドの構文誤りや状態違いで、サーバが受け付けなかったことを示します。"},
    {"imap.status.PREAUTH", "PREAUTH: the session starts already authenticated.",
     "PREAUTH は、セッションが認証済みの状態で始まることを示します。"},
    {"imap.status.BYE", "BYE: the server is closing the connection.",
     "BYE は、サーバが接続を閉じることを示します。"},
    {"imap.status.unknown", "A server line that is not a valid reply; it is shown as sent.",
     "正しい形式の応答ではないサーバの行です。送られたとおりに表示しています。"},

    // [SECTION] untagged status and data (RFC 3501 §7.1-§7.4)
    {"imap.untagged.OK", "Untagged OK: information from the server while a command runs.",
     "タグなしの OK は、コマンドの処理中にサーバが伝える情報です。"},
    {"imap.untagged.NO",
     "Untagged NO: a warning from the server; the command itself may still succeed.",
     "タグなしの NO はサーバからの警告です。コマンド自体は成功することもあります。"},
    {"imap.untagged.BAD",
     "Untagged BAD: the server reports a protocol error it cannot tie to a command.",
     "タグなしの BAD は、どのコマンドとも結び付けられないプロトコル上の誤りの通知です。"},
    {"imap.untagged.BYE",
     "Untagged BYE: the server is about to close the connection (after LOGOUT, or on a timeout).",
     "タグなしの BYE は、サーバがまもなく接続を閉じることを表します（LOGOUT "
     "の後やタイムアウトなど）。"},
    {"imap.untagged.PREAUTH",
     "PREAUTH outside the greeting: unusual; the session counts as authenticated.",
     "挨拶以外で送られた PREAUTH です。珍しい形ですが、認証済みを意味します。"},
    {"imap.untagged.CAPABILITY",
     "The list of features the server supports (IMAP4rev1, IDLE, STARTTLS, AUTH=PLAIN ...).",
     "サーバが対応する機能の一覧です（IMAP4rev1、IDLE、STARTTLS、AUTH=PLAIN など）。"},
    {"imap.untagged.LIST",
     "One mailbox: its attributes, the hierarchy separator, and its name (modified UTF-7 decoded).",
     "メールボックス 1 つ分の情報です。属性、階層の区切り文字、名前（修正 UTF-7 "
     "を復号）を示します。"},
    {"imap.untagged.LSUB", "One subscribed mailbox: attributes, separator and name.",
     "購読中のメールボックス 1 つ分の情報です（属性、区切り文字、名前）。"},
    {"imap.untagged.XLIST", "One mailbox in Gmail's XLIST form, with special-use marks.",
     "Gmail の XLIST 形式のメールボックス情報で、特別な用途の印が付きます。"},
    {"imap.untagged.STATUS", "The counts STATUS asked for, such as MESSAGES, UNSEEN and UIDNEXT.",
     "STATUS で問い合わせた数値（MESSAGES、UNSEEN、UIDNEXT など）です。"},
    {"imap.untagged.SEARCH", "The numbers of the messages that matched the search.",
     "検索条件に一致したメッセージの番号です。"},
    {"imap.untagged.ESEARCH", "Search results in the compact ESEARCH form (MIN, MAX, COUNT, ALL).",
     "ESEARCH 形式（MIN、MAX、COUNT、ALL）による簡潔な検索結果です。"},
    {"imap.untagged.SORT", "The matching messages in sorted order.",
     "条件に一致したメッセージを並べ替えた順の番号です。"},
    {"imap.untagged.THREAD", "The messages grouped into conversation threads.",
     "メッセージを会話のスレッドごとにまとめた結果です。"},
    {"imap.untagged.FLAGS",
     "The flags that messages in this mailbox can carry, such as \\Seen and \\Deleted.",
     "このメールボックスのメッセージに付けられるフラグ（\\Seen、\\Deleted など）の一覧です。"},
    {"imap.untagged.EXISTS",
     "How many messages the mailbox holds now; a larger number means new mail arrived.",
     "メールボックス内の現在のメッセージ数です。数が増えたら新着メールがあるということです。"},
    {"imap.untagged.RECENT",
     "How many messages arrived since the last session looked at this mailbox.",
     "前回のセッション以降に届いたメッセージの数です。"},
    {"imap.untagged.EXPUNGE", "A message was removed; the ones after it move up by one number.",
     "メッセージが削除されました。それより後ろのメッセージ番号が 1 つずつ繰り上がります。"},
    {"imap.untagged.FETCH",
     "Data of one message: flags, UID, headers or content. Flags such as \\Seen are stored on the "
     "server, so every device shows the same read state.",
     "メッセージ 1 通分のデータ（フラグ、UID、ヘッダ、本文など）です。\\Seen "
     "などのフラグはサーバに保存されるため、どの端末でも同じ既読状態になります。"},
    {"imap.untagged.NAMESPACE",
     "Where personal, other users' and shared mailboxes start, and their separators.",
     "個人用・他ユーザ用・共有のメールボックスの場所と区切り文字です。"},
    {"imap.untagged.ENABLED", "The extensions ENABLE switched on.",
     "ENABLE によって有効になった拡張機能です。"},
    {"imap.untagged.ID", "The server's software name, version and similar facts.",
     "サーバのソフトウェア名やバージョンなどの情報です。"},
    {"imap.untagged.QUOTA", "Storage used and allowed for a quota root.",
     "容量制限（クォータ）の使用量と上限です。"},
    {"imap.untagged.QUOTAROOT", "Which quota roots apply to a mailbox.",
     "メールボックスに適用される容量制限の単位です。"},
    {"imap.untagged.VANISHED", "Messages (by UID) that were removed (QRESYNC).",
     "削除されたメッセージの UID です（QRESYNC）。"},
    {"imap.untagged.unknown", "Untagged data this program does not know; it is shown as sent.",
     "このプログラムが知らないタグなしデータです。送られたとおりに表示しています。"},

    // [SECTION] response codes (RFC 3501 §7.1, RFC 4315, RFC 5530)
    {"imap.code.ALERT", "[ALERT]: a message the client must show to the user.",
     "[ALERT] は、クライアントが必ず利用者に表示すべきメッセージです。"},
    {"imap.code.BADCHARSET",
     "[BADCHARSET]: the search used a character set the server does not support.",
     "[BADCHARSET] は、検索に使った文字コードにサーバが対応していないことを示します。"},
    {"imap.code.CAPABILITY",
     "[CAPABILITY ...]: the capability list, sent along so the client need not ask.",
     "[CAPABILITY ...] "
     "は機能一覧です。クライアントが改めて問い合わせなくて済むよう添えられています。"},
    {"imap.code.PARSE", "[PARSE]: the server could not parse a message's headers.",
     "[PARSE] は、サーバがメッセージのヘッダを解析できなかったことを示します。"},
    {"imap.code.PERMANENTFLAGS",
     "[PERMANENTFLAGS (...)]: the flags the client can change for good; \\* means it may create "
     "new keywords.",
     "[PERMANENTFLAGS (...)] は恒久的に変更できるフラグの一覧です。\\* "
     "は新しいキーワードも作れることを表します。"},
    {"imap.code.READ-ONLY", "[READ-ONLY]: the mailbox is open read-only.",
     "[READ-ONLY] は、メールボックスが読み取り専用で開かれたことを示します。"},
    {"imap.code.READ-WRITE", "[READ-WRITE]: the mailbox is open for reading and changes.",
     "[READ-WRITE] は、メールボックスが読み書きできる状態で開かれたことを示します。"},
    {"imap.code.TRYCREATE",
     "[TRYCREATE]: the target mailbox does not exist; creating it first may help.",
     "[TRYCREATE] "
     "は、宛先のメールボックスが存在しないことを示します。先に作成すれば成功する可能性があります"
     "。"},
    {"imap.code.UIDNEXT", "[UIDNEXT n]: the UID the next arriving message will get.",
     "[UIDNEXT n] は、次に届くメッセージに割り当てられる UID です。"},
    {"imap.code.UIDVALIDITY",
     "[UIDVALIDITY n]: if this number changes, the UIDs the client remembered are no longer valid.",
     "[UIDVALIDITY n] は、この値が変わるとクライアントが覚えていた UID "
     "が使えなくなることを示す値です。"},
    {"imap.code.UNSEEN", "[UNSEEN n]: the number of the first message without the \\Seen flag.",
     "[UNSEEN n] は、\\Seen フラグの付いていない最初のメッセージの番号です。"},
    {"imap.code.APPENDUID", "[APPENDUID v uid]: the UID the appended message received (UIDPLUS).",
     "[APPENDUID v uid] は、保存したメッセージに割り当てられた UID です（UIDPLUS）。"},
    {"imap.code.COPYUID",
     "[COPYUID v old new]: the UIDs of the copies in the target mailbox (UIDPLUS).",
     "[COPYUID v 元 先] は、コピー先でのメッセージの UID です（UIDPLUS）。"},
    {"imap.code.UIDNOTSTICKY", "[UIDNOTSTICKY]: this mailbox cannot keep UIDs between sessions.",
     "[UIDNOTSTICKY] は、このメールボックスではセッションをまたいで UID "
     "が保たれないことを示します。"},
    {"imap.code.UNAVAILABLE", "[UNAVAILABLE]: a temporary failure on the server; try again later.",
     "[UNAVAILABLE] はサーバ側の一時的な障害です。時間をおいて再試行します。"},
    {"imap.code.AUTHENTICATIONFAILED", "[AUTHENTICATIONFAILED]: wrong user name or password.",
     "[AUTHENTICATIONFAILED] は、ユーザ名またはパスワードが誤っていることを示します。"},
    {"imap.code.AUTHORIZATIONFAILED",
     "[AUTHORIZATIONFAILED]: the credentials were right, but this identity may not be used.",
     "[AUTHORIZATIONFAILED] は、認証情報は正しいものの、その ID "
     "での利用が許可されていないことを示します。"},
    {"imap.code.EXPIRED", "[EXPIRED]: the password or account has expired.",
     "[EXPIRED] は、パスワードやアカウントの有効期限が切れていることを示します。"},
    {"imap.code.PRIVACYREQUIRED",
     "[PRIVACYREQUIRED]: the server wants an encrypted connection (TLS) first.",
     "[PRIVACYREQUIRED] は、先に TLS で暗号化するようサーバが求めていることを示します。"},
    {"imap.code.CONTACTADMIN", "[CONTACTADMIN]: the user should contact the administrator.",
     "[CONTACTADMIN] は、管理者に問い合わせる必要があることを示します。"},
    {"imap.code.NOPERM", "[NOPERM]: no permission for this operation.",
     "[NOPERM] は、その操作を行う権限がないことを示します。"},
    {"imap.code.INUSE", "[INUSE]: the resource is in use by someone else; try again later.",
     "[INUSE] は、対象が他で使用中であることを示します。後で再試行します。"},
    {"imap.code.EXPUNGEISSUED", "[EXPUNGEISSUED]: some requested messages were removed meanwhile.",
     "[EXPUNGEISSUED] は、要求したメッセージの一部がすでに削除されていたことを示します。"},
    {"imap.code.CORRUPTION", "[CORRUPTION]: the server found damaged data.",
     "[CORRUPTION] は、サーバ上のデータが壊れていることを示します。"},
    {"imap.code.SERVERBUG", "[SERVERBUG]: the server admits an internal error.",
     "[SERVERBUG] は、サーバ内部の不具合を示します。"},
    {"imap.code.CLIENTBUG", "[CLIENTBUG]: the server thinks the client misbehaved, but carried on.",
     "[CLIENTBUG] "
     "は、クライアントの誤った動作をサーバが検出したものの、処理は続けたことを示します。"},
    {"imap.code.CANNOT", "[CANNOT]: the operation can never succeed on this server.",
     "[CANNOT] は、その操作がこのサーバでは決して成功しないことを示します。"},
    {"imap.code.LIMIT", "[LIMIT]: a server limit was reached (size, count ...).",
     "[LIMIT] は、サイズや件数などサーバの上限に達したことを示します。"},
    {"imap.code.OVERQUOTA", "[OVERQUOTA]: the mailbox storage is full.",
     "[OVERQUOTA] は、メールボックスの容量制限を超えたことを示します。"},
    {"imap.code.ALREADYEXISTS", "[ALREADYEXISTS]: a mailbox with that name exists already.",
     "[ALREADYEXISTS] は、同じ名前のメールボックスがすでに存在することを示します。"},
    {"imap.code.NONEXISTENT", "[NONEXISTENT]: no mailbox has that name.",
     "[NONEXISTENT] は、その名前のメールボックスが存在しないことを示します。"},
    {"imap.code.HASCHILDREN",
     "[HASCHILDREN]: the mailbox has sub-mailboxes, so it cannot be deleted as asked.",
     "[HASCHILDREN] は、下位のメールボックスがあるため要求どおりに削除できないことを示します。"},
    {"imap.code.CLOSED", "[CLOSED]: the previously selected mailbox is now closed.",
     "[CLOSED] は、それまで選択していたメールボックスが閉じられたことを示します。"},
    {"imap.code.UNKNOWN-CTE",
     "[UNKNOWN-CTE]: the server cannot decode the part's transfer encoding.",
     "[UNKNOWN-CTE] は、そのパートの転送エンコーディングをサーバが復号できないことを示します。"},
    {"imap.code.HIGHESTMODSEQ",
     "[HIGHESTMODSEQ n]: the latest change number of the mailbox (CONDSTORE).",
     "[HIGHESTMODSEQ n] は、メールボックスの最新の変更番号です（CONDSTORE）。"},
    {"imap.code.NOMODSEQ", "[NOMODSEQ]: this mailbox does not keep change numbers.",
     "[NOMODSEQ] は、このメールボックスが変更番号を保持しないことを示します。"},
    {"imap.code.MODIFIED", "[MODIFIED]: some messages changed meanwhile and were not updated.",
     "[MODIFIED] は、途中で変更されたため更新しなかったメッセージがあることを示します。"},
    {"imap.code.REFERRAL", "[REFERRAL]: the mailbox lives on another server, named by the URL.",
     "[REFERRAL] は、メールボックスが URL で示す別のサーバにあることを示します。"},
    {"imap.code.COMPRESSIONACTIVE", "[COMPRESSIONACTIVE]: compression is already on.",
     "[COMPRESSIONACTIVE] は、すでに圧縮が有効になっていることを示します。"},
    {"imap.code.unknown", "A response code this program does not know.",
     "このプログラムが知らない応答コードです。"},

    // [SECTION] flags (RFC 3501 §2.3.2)
    {"imap.flag.Seen",
     "\\Seen: the message has been read. IMAP keeps flags on the server, so every device (phone, "
     "PC, webmail) sees the same read state; POP3 keeps no such shared state.",
     "\\Seen は既読を表すフラグです。IMAP "
     "ではフラグがサーバに保存されるため、スマートフォン・PC・Web "
     "メールのどれから見ても既読状態は同じです。POP3 にはこのような共有の状態はありません。"},
    {"imap.flag.Answered", "\\Answered: a reply to the message was sent.",
     "\\Answered は、返信済みであることを表すフラグです。"},
    {"imap.flag.Flagged", "\\Flagged: marked as important.",
     "\\Flagged は、重要の印（フラグ）を付けたことを表します。"},
    {"imap.flag.Deleted", "\\Deleted: marked for removal; EXPUNGE or CLOSE removes it for good.",
     "\\Deleted は削除予定の印で、EXPUNGE や CLOSE で完全に削除されます。"},
    {"imap.flag.Draft", "\\Draft: the message is a draft.",
     "\\Draft は、下書きであることを表すフラグです。"},
    {"imap.flag.Recent", "\\Recent: the message arrived since the last session.",
     "\\Recent は、前回のセッション以降に届いたことを表すフラグです。"},

    // [SECTION] states (RFC 3501 §3)
    {"imap.state.not_authenticated",
     "Not authenticated: the client must log in (LOGIN or AUTHENTICATE) or start TLS.",
     "未認証状態です。クライアントはログイン（LOGIN または AUTHENTICATE）するか、TLS "
     "を開始する必要があります。"},
    {"imap.state.authenticated", "Authenticated: logged in; the client may now select a mailbox.",
     "認証済み状態です。ログインが完了し、メールボックスを選択できます。"},
    {"imap.state.selected", "Selected: a mailbox is open and its messages can be read and changed.",
     "選択状態です。メールボックスが開かれ、メッセージを読んだり変更したりできます。"},
    {"imap.state.logout", "Logout: the session is ending and the connection will close.",
     "ログアウト状態です。セッションが終わり、接続が閉じられます。"},
    {"imap.state.tls", "Encrypted with TLS after STARTTLS: the commands can no longer be read.",
     "STARTTLS 以降は TLS で暗号化されており、コマンドの内容は読めません。"},
};

}  // namespace

ExplanationTable explanations_imap() { return {kImap, sizeof(kImap) / sizeof(kImap[0])}; }

}  // namespace mailscope
