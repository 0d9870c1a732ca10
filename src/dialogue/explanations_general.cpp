// dialogue/explanations_general.cpp — explanations shared by all protocols: event types, TLS,
// SASL mechanisms, gaps, how sessions end and begin.
//
// Keys: event.<type> (event_type_name), event.unknown / malformed / line_truncated / bare_lf,
// tls.<what> (tls_records.cpp), sasl.<mechanism in lower case> (sasl_explain_key), gap,
// end.<reason> (EndReason with spaces as '_'), session.<fact>.
// Written for learners: one or two short sentences, the Japanese as used in network exam texts.
#include "dialogue/explanations.h"

namespace mailscope {
namespace {

constexpr ExplanationEntry kGeneral[] = {
    // [SECTION] event types
    {"event.connection_open",
     "The TCP connection opens: SYN, SYN/ACK, ACK (the three-way handshake) before any mail "
     "protocol line is sent.",
     "TCP コネクションの確立です。SYN、SYN/ACK、ACK の 3 ウェイハンドシェイクの後で、メールの"
     "プロトコルのやり取りが始まります。"},
    {"event.greeting",
     "The server's first line after the connection opens: it says who it is and whether it is "
     "ready.",
     "接続直後にサーバが最初に送る行（グリーティング）です。サーバ名と、受付可能かどうかを示します"
     "。"},
    {"event.command", "A command from the client: one line of text ending with CRLF.",
     "クライアントからのコマンドです。CRLF で終わる 1 行のテキストです。"},
    {"event.reply", "The server's answer that completes a command: success or failure.",
     "コマンドに対するサーバの応答です。成功か失敗かを示します。"},
    {"event.untagged",
     "An IMAP untagged response (\"* ...\"): data the server sends while a command runs, or on "
     "its own.",
     "IMAP のタグなし応答（「* ...」）です。コマンドの処理中に、またはサーバから自発的に送られる"
     "データです。"},
    {"event.continuation",
     "The server asks the client for more: the next part of a command or the next step of "
     "authentication.",
     "サーバがクライアントに続きを求めています（継続要求）。コマンドの続きや認証の次の段階です。"},
    {"event.auth_response",
     "The client's answer to an authentication challenge, usually base64-encoded.",
     "認証のチャレンジに対するクライアントの応答です。通常は Base64 で符号化されています。"},
    {"event.data", "Message content: the mail itself (headers and body), not a command.",
     "メッセージの内容です。コマンドではなく、メールそのもの（ヘッダと本文）です。"},
    {"event.tls",
     "TLS records: from here on the bytes are encrypted and cannot be read on the wire.",
     "TLS レコードです。ここから先のデータは暗号化されており、通信路上では読めません。"},
    {"event.gap", "Bytes of this connection are missing from the capture (lost or not recorded).",
     "このコネクションのデータの一部がキャプチャに含まれていません（取りこぼし）。"},
    {"event.connection_close",
     "The TCP connection ends: FIN (orderly close), RST (abort) or the end of the capture.",
     "TCP "
     "コネクションの終了です。FIN（正常な切断）、RST（強制切断）、またはキャプチャの終わりです。"},
    {"event.unknown", "The decoder does not recognise this line; it is shown exactly as sent.",
     "解析器が認識できない行です。送られたとおりに表示しています。"},
    {"event.malformed", "This line does not follow the protocol's syntax.",
     "この行はプロトコルの構文に従っていません（不正な形式）。"},
    {"event.line_truncated",
     "This line was longer than the display limit; the rest is counted, not shown.",
     "この行は表示の上限より長いため、残りはバイト数だけを示しています。"},
    {"event.bare_lf", "This line ended with LF alone instead of CRLF, which the mail RFCs require.",
     "この行は CRLF ではなく LF だけで終わっています。メールの RFC では CRLF が必要です。"},

    // [SECTION] TLS (RFC 8446 / RFC 5246)
    {"tls.handshake",
     "A TLS handshake record: the two sides agree on a version, ciphers and keys before any "
     "data is encrypted.",
     "TLS "
     "のハンドシェイクのレコードです。暗号化の前に、バージョン、暗号スイート、鍵について合意します"
     "。"},
    {"tls.client_hello",
     "ClientHello: the client starts TLS and lists the versions and cipher suites it supports.",
     "ClientHello：クライアントが TLS を開始し、対応するバージョンと暗号スイートを提示します。"},
    {"tls.server_hello", "ServerHello: the server picks the TLS version and cipher suite to use.",
     "ServerHello：サーバが使用する TLS のバージョンと暗号スイートを選びます。"},
    {"tls.certificate",
     "Certificate: the server's certificate, which lets the client check who it is talking to.",
     "Certificate：サーバ証明書です。クライアントはこれで通信相手が正しいかを検証します。"},
    {"tls.server_key_exchange",
     "ServerKeyExchange: the server's part of the key exchange (e.g. ECDHE parameters).",
     "ServerKeyExchange：鍵交換のためのサーバ側の情報（ECDHE のパラメータなど）です。"},
    {"tls.certificate_request",
     "CertificateRequest: the server asks the client for a certificate too.",
     "CertificateRequest：サーバがクライアントにも証明書を求めています。"},
    {"tls.server_hello_done", "ServerHelloDone: the server has sent its hello messages.",
     "ServerHelloDone：サーバ側のハロー関連メッセージの送信が終わりました。"},
    {"tls.certificate_verify",
     "CertificateVerify: proof that the sender holds the private key of its certificate.",
     "CertificateVerify：証明書に対応する秘密鍵を持っていることの証明です。"},
    {"tls.client_key_exchange",
     "ClientKeyExchange: the client's part of the key exchange; both sides can now derive the "
     "keys.",
     "ClientKeyExchange：鍵交換のクライアント側の情報です。これで双方が共通の鍵を導出できます。"},
    {"tls.finished", "Finished: checks that the handshake was not tampered with.",
     "Finished：ハンドシェイクが改ざんされていないことを確認します。"},
    {"tls.new_session_ticket",
     "NewSessionTicket: a ticket the client can use to resume the session later.",
     "NewSessionTicket：後でセッションを再開するためのチケットです。"},
    {"tls.encrypted_extensions",
     "EncryptedExtensions (TLS 1.3): further settings, already encrypted.",
     "EncryptedExtensions（TLS 1.3）：暗号化された追加の設定です。"},
    {"tls.hello_request", "HelloRequest: the server asks to start a new handshake.",
     "HelloRequest：サーバがハンドシェイクのやり直しを求めています。"},
    {"tls.encrypted_handshake",
     "An encrypted handshake message: its type cannot be seen (TLS 1.3 encrypts most of the "
     "handshake; TLS 1.2 encrypts Finished).",
     "暗号化されたハンドシェイクメッセージです。種類は見えません（TLS 1.3 "
     "ではハンドシェイクの大部分、"
     "TLS 1.2 では Finished が暗号化されます）。"},
    {"tls.change_cipher_spec",
     "ChangeCipherSpec: from the next record on, this side encrypts with the agreed keys.",
     "ChangeCipherSpec：次のレコードから、合意した鍵で暗号化を始めることを知らせます。"},
    {"tls.alert",
     "A TLS alert: a warning or an error, or the notice that the connection is closing.",
     "TLS のアラートです。警告やエラー、または接続を閉じることの通知です。"},
    {"tls.application_data",
     "Encrypted application data: the mail protocol continues inside TLS, unreadable on the "
     "wire.",
     "暗号化されたアプリケーションデータです。メールのやり取りは TLS "
     "の中で続き、通信路上では読めません。"},
    {"tls.heartbeat", "A TLS heartbeat record (keep-alive).",
     "TLS のハートビートのレコード（接続維持の確認）です。"},
    {"tls.unknown", "A TLS record of a type this program does not know.",
     "このプログラムが知らない種類の TLS レコードです。"},
    {"tls.malformed",
     "These bytes were expected to be TLS records but are not; the rest is only counted.",
     "TLS レコードのはずのデータですが、TLS "
     "の形式になっていません。以降はバイト数だけを数えます。"},
    {"tls.incomplete",
     "The session ended in the middle of a TLS record: its last bytes are not in the capture.",
     "TLS レコードの途中でセッションが終わりました。最後の部分はキャプチャに含まれていません。"},
    {"tls.gap",
     "Bytes of the TLS stream are missing; the record boundaries are lost, so the rest is only "
     "counted.",
     "TLS "
     "のデータの一部が欠けています。レコードの区切りが分からないため、以降はバイト数だけを数えます"
     "。"},

    // [SECTION] SASL mechanisms (RFC 4422)
    {"sasl.plain",
     "SASL PLAIN (RFC 4616): user name and password sent together, only base64-encoded. "
     "Without TLS anyone on the path can read the password.",
     "SASL PLAIN（RFC 4616）：ユーザ名とパスワードを Base64 で符号化しただけで送ります。TLS が"
     "なければ、経路上の誰でもパスワードを読めます。"},
    {"sasl.login",
     "The LOGIN mechanism: the server prompts \"Username:\" and \"Password:\" in base64 and the "
     "client answers each in base64. The password is readable without TLS.",
     "LOGIN 方式：サーバが「Username:」「Password:」を Base64 で求め、クライアントがそれぞれ "
     "Base64 で答えます。TLS がなければパスワードは読めてしまいます。"},
    {"sasl.cram-md5",
     "CRAM-MD5 (RFC 2195): the server sends a challenge; the client answers with an HMAC-MD5 "
     "digest keyed by the password, so the password itself is not sent.",
     "CRAM-MD5（RFC 2195）：サーバがチャレンジを送り、クライアントはパスワードを鍵とした "
     "HMAC-MD5 "
     "のダイジェストで応答します（チャレンジレスポンス認証）。パスワード自体は送られません。"},
    {"sasl.xoauth2",
     "XOAUTH2: the client sends an OAuth 2.0 access token instead of a password. The token is "
     "only base64-encoded and works like a password until it expires.",
     "XOAUTH2：パスワードの代わりに OAuth 2.0 のアクセストークンを送ります。Base64 で符号化されて"
     "いるだけで、有効期限まではパスワードと同じように使えます。"},
    {"sasl.oauthbearer", "OAUTHBEARER (RFC 7628): the client sends an OAuth 2.0 bearer token.",
     "OAUTHBEARER（RFC 7628）：OAuth 2.0 のベアラトークンを送る方式です。"},
    {"sasl.scram-sha-1",
     "SCRAM (RFC 5802): a challenge-response mechanism; the password is never sent and the "
     "server proves it knows it too.",
     "SCRAM（RFC "
     "5802）：チャレンジレスポンス方式です。パスワードは送られず、サーバ側も正当性を証明します。"},
    {"sasl.scram-sha-256",
     "SCRAM-SHA-256 (RFC 7677): like SCRAM-SHA-1 with SHA-256; the password is never sent.",
     "SCRAM-SHA-256（RFC 7677）：SHA-256 を使う SCRAM です。パスワードは送られません。"},
    {"sasl.digest-md5",
     "DIGEST-MD5 (RFC 2831, obsolete): a challenge-response mechanism based on MD5.",
     "DIGEST-MD5（RFC 2831、廃止）：MD5 を使ったチャレンジレスポンス方式です。"},
    {"sasl.gssapi", "GSSAPI: authentication with Kerberos tickets.",
     "GSSAPI：Kerberos のチケットを使った認証です。"},
    {"sasl.ntlm", "NTLM: Microsoft's challenge-response authentication.",
     "NTLM：Microsoft のチャレンジレスポンス認証です。"},
    {"sasl.external",
     "EXTERNAL: the identity comes from outside SASL, e.g. the TLS client certificate.",
     "EXTERNAL：TLS のクライアント証明書など、SASL の外で確認した身元を使います。"},
    {"sasl.anonymous", "ANONYMOUS (RFC 4505): access without an account.",
     "ANONYMOUS（RFC 4505）：アカウントなしでアクセスする方式です。"},
    {"sasl.unknown", "A SASL mechanism this program does not decode.",
     "このプログラムが解析しない SASL の認証方式です。"},
    {"sasl.base64_note",
     "Base64 is an encoding, not encryption: anyone can decode it. Only TLS protects the "
     "password.",
     "Base64 は符号化であって暗号化ではありません。誰でも元に戻せます。パスワードを守るのは TLS "
     "だけです。"},
    {"sasl.cancelled", "The client cancelled the authentication exchange with \"*\".",
     "クライアントが「*」を送って認証を中止しました。"},

    // [SECTION] gaps
    {"gap",
     "Bytes are missing here: the capture lost packets, or recording started late. The decoder "
     "skips to the next line it can read.",
     "ここでデータが欠けています。パケットの取りこぼしやキャプチャ開始の遅れが原因です。解析器は"
     "次に読める行から再開します。"},

    // [SECTION] how sessions end (EndReason) and begin
    {"end.open", "The connection was still open at the end of the capture.",
     "キャプチャの終了時点で、コネクションはまだ開いていました。"},
    {"end.fin", "The connection was closed in an orderly way with FIN.",
     "FIN によってコネクションが正常に切断されました。"},
    {"end.rst", "The connection was aborted with RST.",
     "RST によってコネクションが強制的に切断されました。"},
    {"end.end_of_capture", "The capture ended while the connection was still open.",
     "コネクションが開いたままキャプチャが終了しました。"},
    {"end.evicted",
     "Too many connections at once: this idle one was dropped from the table to save memory.",
     "同時に扱うコネクションが多すぎたため、使われていないこのコネクションを表から外しました。"},
    {"end.idle_timeout",
     "Nothing was sent on this connection for longer than the idle limit, so it was closed to "
     "keep memory bounded during a long capture.",
     "このコネクションでは上限の時間を超えて何も送られなかったため、長時間のキャプチャでメモリを"
     "一定に保つために閉じたものとみなしました。"},
    {"end.port_reused",
     "A new connection started with the same addresses and ports, so this one is over.",
     "同じアドレスとポートで新しいコネクションが始まったため、このコネクションは終了とみなしました"
     "。"},
    {"session.midstream",
     "The capture began after this connection opened (no SYN seen): the start of the dialogue "
     "is missing.",
     "このコネクションは確立後からキャプチャされています（SYN "
     "なし）。やり取りの最初の部分がありません。"},
    {"session.handshake",
     "SYN, SYN/ACK and ACK were all seen: the three-way handshake is complete.",
     "SYN、SYN/ACK、ACK がすべて見えており、3 ウェイハンドシェイクが完了しています。"},
    {"session.tls", "This connection is protected by TLS: its content is encrypted.",
     "このコネクションは TLS で保護されており、内容は暗号化されています。"},
    {"session.cleartext_password",
     "A password crossed the network in clear text (or only base64-encoded).",
     "パスワードが平文（または Base64 で符号化しただけ）でネットワークを流れました。"},
};

}  // namespace

ExplanationTable explanations_general() {
  return {kGeneral, sizeof(kGeneral) / sizeof(kGeneral[0])};
}

}  // namespace mailscope
