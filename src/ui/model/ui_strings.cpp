// ui/model/ui_strings.cpp — the interface's strings (English, Japanese). Keep rows sorted by
// area; the key says what the text is for, not what it says.
#include "ui/model/ui_strings.h"

#include <string>
#include <unordered_map>

namespace mailscope {

namespace {

const UiStringEntry kStrings[] = {
    // Menus
    {"menu.file", "File", "ファイル"},
    {"menu.file.open", "Open…", "開く…"},
    {"menu.file.recent", "Recent files", "最近使ったファイル"},
    {"menu.file.recent_none", "(none yet)", "(まだありません)"},
    {"menu.file.default", "Open the built-in example", "内蔵のサンプルを開く"},
    {"menu.file.quit", "Quit", "終了"},
    {"menu.view", "View", "表示"},
    {"menu.view.theme_light", "Light theme", "ライトテーマ"},
    {"menu.view.theme_dark", "Dark theme", "ダークテーマ"},
    {"menu.view.language", "Language", "言語"},
    {"menu.view.journey", "Show the whole journey (all hosts)", "全体の流れを表示 (全ホスト)"},
    {"menu.help", "Help", "ヘルプ"},
    {"menu.help.keys", "Keys: Space play/pause, ←/→ step, Home/End first/last",
     "キー: Space 再生/一時停止、←/→ ステップ、Home/End 先頭/末尾"},
    // Capture menu and toolbar (live capture)
    {"menu.capture", "Capture", "キャプチャ"},
    {"menu.capture.toolbar", "Show the capture toolbar", "キャプチャツールバーを表示"},
    {"menu.capture.interface", "Interface", "インターフェース"},
    {"menu.capture.start", "Start", "開始"},
    {"menu.capture.stop", "Stop", "停止"},
    {"menu.capture.save", "Save…", "保存…"},
    {"menu.capture.follow", "Follow live (the stage plays each new exchange)", "ライブ追従 (新しいやり取りを順に再生)"},
    {"menu.capture.refresh", "Refresh the interface list", "インターフェース一覧を更新"},
    {"capture.interface", "Interface", "インターフェース"},
    {"capture.filter", "Filter", "フィルタ"},
    {"capture.filter_hint", "BPF, e.g. tcp port 25 or 587", "BPF 例: tcp port 25 or 587"},
    {"capture.follow", "Follow live", "ライブ追従"},
    {"capture.none", "(no interface found)", "(インターフェースが見つかりません)"},
    {"capture.loopback", "loopback", "ループバック"},
    {"capture.idle", "Not capturing. Choose an interface and press Start; send a mail and watch it appear.",
     "キャプチャしていません。インターフェースを選んで「開始」を押し、メールを送ると対話が現れます。"},
    {"capture.running", "● Capturing on {0}", "● {0} でキャプチャ中"},
    {"capture.stopped", "Stopped ({0})", "停止しました ({0})"},
    {"capture.stats", "received {0} · dropped by kernel {1} · by interface {2} · sessions {3} · released {4}",
     "受信 {0} · カーネルで破棄 {1} · インターフェースで破棄 {2} · セッション {3} · 解放 {4}"},
    {"capture.stats_tip", "Packets received, dropped because the kernel buffer was full, dropped by the interface (pcap_stats), sessions kept, and old finished sessions released to keep memory bounded.",
     "受信したパケット数、カーネルのバッファがあふれて捨てられた数、インターフェースで捨てられた数 (pcap_stats)、保持しているセッション数、メモリを一定に保つために解放した古い終了済みセッションの数です。"},
    {"capture.file", "Writing {0}", "{0} に書き込み中"},
    {"capture.save_title", "Save the live capture", "ライブキャプチャを保存"},
    {"capture.save_path", "File (pcapng)", "ファイル (pcapng)"},
    {"capture.save", "Save", "保存"},
    {"capture.cancel", "Cancel", "キャンセル"},
    {"status.live_started", "Capturing on {0} with filter \"{1}\". Send a mail and its dialogue appears here.",
     "{0} でフィルタ「{1}」を使ってキャプチャ中です。メールを送ると対話がここに現れます。"},
    {"status.live_stopped", "Capture on {0} stopped after {1} packets (sessions: {2}). Capture ▸ Save keeps it as pcapng.",
     "{0} のキャプチャを停止しました: パケット {1} 個、セッション {2} 件。キャプチャ ▸ 保存 で pcapng として残せます。"},
    {"status.live_saved", "Saved the live capture to {0}.", "ライブキャプチャを {0} に保存しました。"},
    {"status.live_kept", "The unsaved live capture is kept in {0}.", "保存していないライブキャプチャは {0} に残してあります。"},
    {"error.live_title", "Could not capture", "キャプチャできませんでした"},
    {"error.live", "The capture could not start: {0}", "キャプチャを開始できませんでした: {0}"},
    {"error.live_permission", "Capturing is not allowed: {0} Run mailscope as root, or allow it to capture once with:\n  {1}\nThe rest of mailscope keeps working: you can still open capture files.",
     "キャプチャする権限がありません: {0} root で実行するか、次のコマンドで一度だけ権限を与えてください:\n  {1}\nキャプチャファイルを開くなど、ほかの機能はそのまま使えます。"},
    {"error.live_stopped", "The capture stopped by itself: {0} What was captured up to then is kept.",
     "キャプチャが途中で止まりました: {0} それまでにキャプチャした分は残っています。"},
    {"error.save_title", "Could not save", "保存できませんでした"},
    // File browser
    {"browser.title", "Open a capture", "キャプチャを開く"},
    {"browser.path", "Path", "パス"},
    {"browser.up", "Up", "上へ"},
    {"browser.open", "Open", "開く"},
    {"browser.cancel", "Cancel", "キャンセル"},
    {"browser.only_captures", "Only .pcap / .pcapng", ".pcap / .pcapng のみ"},
    {"browser.unreadable", "This folder cannot be read.", "このフォルダは読み取れません。"},
    {"browser.too_many", "Only the first {0} entries are shown.", "先頭の {0} 件だけを表示しています。"},
    // Loading and status
    {"load.title", "Loading", "読み込み中"},
    {"load.progress", "Reading {0}", "{0} を読み込み中"},
    {"load.cancel", "Cancel", "キャンセル"},
    {"status.ready", "Open a capture with File ▸ Open or drop a file on the window.",
     "ファイル ▸ 開く で開くか、ファイルをウィンドウにドロップしてください。"},
    {"status.loaded", "{0}: {1} sessions, {2} packets.", "{0}: セッション {1} 件、パケット {2} 個。"},
    {"status.cancelled", "Loading of {0} was cancelled; the previous capture stays open.",
     "{0} の読み込みを中止しました。前のキャプチャを表示したままです。"},
    {"status.warning", "Note: {0}", "注意: {0}"},
    {"status.on_demand", "A large capture: to save memory, a session's dialogue is decoded again from the file when it is shown.",
     "大きなキャプチャのため、メモリ節約としてセッションの対話は表示するときにファイルから改めて解析します。"},
    {"error.open", "This file could not be opened as a capture. {0} The capture shown before stays open.",
     "このファイルはキャプチャとして開けませんでした。{0} 前のキャプチャを表示したままです。"},
    {"error.no_default", "No example capture was found (captures/*.pcap). Open a file with File ▸ Open.",
     "サンプルのキャプチャ (captures/*.pcap) が見つかりません。ファイル ▸ 開く で開いてください。"},
    {"error.settings", "Settings were not saved: {0}", "設定を保存できませんでした: {0}"},
    {"error.dismiss", "OK", "OK"},
    {"error.title", "Could not open the file", "ファイルを開けませんでした"},
    {"error.replay_title", "Could not show the session", "セッションを表示できませんでした"},
    {"error.replay", "This session could not be decoded again from the capture file: {0} The sessions table still shows its summary.",
     "このセッションをキャプチャファイルから解析し直せませんでした: {0} セッション一覧には概要が残っています。"},
    // Sessions table
    {"sessions.title", "Sessions", "セッション"},
    {"sessions.filter", "Filter", "絞り込み"},
    {"sessions.filter_hint", "address, command, user…", "アドレス、コマンド、ユーザー…"},
    {"sessions.all_protocols", "All", "すべて"},
    {"sessions.col.protocol", "Protocol", "プロトコル"},
    {"sessions.col.endpoints", "Client → Server", "クライアント → サーバ"},
    {"sessions.col.start", "Start", "開始"},
    {"sessions.col.duration", "Duration", "時間"},
    {"sessions.col.commands", "Cmds", "コマンド"},
    {"sessions.col.bytes", "Bytes", "バイト"},
    {"sessions.col.badges", "Notes", "特記"},
    {"sessions.badge.auth", "AUTH", "認証"},
    {"sessions.badge.cleartext", "PASSWORD IN CLEAR", "平文パスワード"},
    {"sessions.badge.tls", "TLS", "TLS"},
    {"sessions.badge.gaps", "GAPS", "欠落"},
    {"sessions.badge.retrans", "RETRANS", "再送"},
    {"sessions.badge.errors", "ERRORS", "エラー"},
    {"sessions.tip.auth", "The client logged in (AUTH, USER/PASS, LOGIN).",
     "クライアントがログインしました (AUTH、USER/PASS、LOGIN)。"},
    {"sessions.tip.cleartext", "A password can be read by anyone who sees this traffic.",
     "この通信を見られる人なら誰でもパスワードを読めます。"},
    {"sessions.tip.tls", "The session switched to TLS: what follows is encrypted.",
     "このセッションは TLS に切り替わりました。以降は暗号化されています。"},
    {"sessions.tip.gaps", "Some bytes were not captured; the decoder resynchronised.",
     "一部のバイトがキャプチャされていません。デコーダは再同期しました。"},
    {"sessions.tip.retrans", "TCP sent some segments again (they were lost or late).",
     "TCP がセグメントを再送しました (失われたか遅れたため)。"},
    {"sessions.count", "{0} of {1} sessions", "{1} 件中 {0} 件"},
    {"sessions.none", "No sessions in this capture.", "このキャプチャにはセッションがありません。"},
    // Stage
    {"stage.title", "Dialogue", "対話"},
    {"stage.empty", "Select a session to watch its dialogue.", "セッションを選ぶと対話が表示されます。"},
    {"stage.truncated", "Only the first {0} steps are shown.", "最初の {0} ステップだけを表示しています。"},
    {"stage.legend", "Legend", "凡例"},
    {"stage.click_hint", "Click an arrow to inspect it.", "矢印をクリックすると詳しく表示します。"},
    {"lane.sender", "Mail client (sender)", "メールクライアント (送信)"},
    {"lane.reader", "Mail client (reader)", "メールクライアント (受信)"},
    {"lane.client", "Client", "クライアント"},
    {"lane.msa", "MSA (submission server)", "MSA (投稿サーバ)"},
    {"lane.mta", "MTA (SMTP relay)", "MTA (SMTP 中継)"},
    {"lane.pop3_server", "POP3 server", "POP3 サーバ"},
    {"lane.imap_server", "IMAP server", "IMAP サーバ"},
    {"lane.server", "Server", "サーバ"},
    {"legend.command", "Command", "コマンド"},
    {"legend.success", "Success", "成功"},
    {"legend.intermediate", "Go on / more needed", "継続 / 追加入力"},
    {"legend.temp_failure", "Temporary failure (4xx)", "一時的な失敗 (4xx)"},
    {"legend.perm_failure", "Permanent failure (5xx)", "恒久的な失敗 (5xx)"},
    {"legend.pop_err", "POP3 error (-ERR)", "POP3 エラー (-ERR)"},
    {"legend.imap_no", "IMAP refused (NO)", "IMAP 拒否 (NO)"},
    {"legend.imap_bad", "IMAP not understood (BAD)", "IMAP 不正 (BAD)"},
    {"legend.info", "Information (untagged)", "情報 (タグなし応答)"},
    {"legend.data", "Message content", "メール本文"},
    {"legend.encrypted", "Encrypted (TLS)", "暗号化 (TLS)"},
    {"legend.gap", "Missing bytes", "欠落したバイト"},
    {"legend.tcp", "TCP control (L4)", "TCP 制御 (L4)"},
    {"tcp.SYN", "SYN: the client asks to open a TCP connection.", "SYN: クライアントが TCP 接続の開始を求めます。"},
    {"tcp.SYN/ACK", "SYN/ACK: the server agrees and sends its own SYN.", "SYN/ACK: サーバが同意し、自分の SYN を送ります。"},
    {"tcp.ACK", "ACK: the handshake is complete; data can flow.", "ACK: ハンドシェイク完了。データを送れます。"},
    {"tcp.FIN", "FIN: this side has nothing more to send.", "FIN: こちら側からの送信はもうありません。"},
    {"tcp.FIN/ACK", "FIN: this side has nothing more to send.", "FIN: こちら側からの送信はもうありません。"},
    {"tcp.RST", "RST: the connection is aborted at once.", "RST: 接続をただちに中断します。"},
    {"tcp.RST/ACK", "RST: the connection is aborted at once.", "RST: 接続をただちに中断します。"},
    {"label.data", "message content, {0} bytes", "メール本文 {0} バイト"},
    {"label.tls", "TLS: {0} records, {1} bytes (encrypted)", "TLS: {0} レコード、{1} バイト (暗号化)"},
    {"label.gap", "{0} bytes missing from the capture", "キャプチャから {0} バイトが欠落"},
    // Playback
    {"play.play", "Play", "再生"},
    {"play.pause", "Pause", "一時停止"},
    {"play.prev", "◀ Prev", "◀ 前へ"},
    {"play.next", "Next ▶", "次へ ▶"},
    {"play.home", "|◀", "|◀"},
    {"play.end", "▶|", "▶|"},
    {"play.speed", "Speed", "速度"},
    {"play.timing_real", "Real timing", "実際の間隔"},
    {"play.timing_even", "Even spacing", "等間隔"},
    {"play.timing_tip", "Real timing keeps the capture's rhythm (long waits shortened to 3 s).",
     "実際の間隔はキャプチャのリズムを保ちます (長い待ち時間は 3 秒に短縮)。"},
    {"play.step_of", "Step {0} / {1}", "ステップ {0} / {1}"},
    // Inspector
    {"inspector.title", "OSI layers", "OSI 階層"},
    {"inspector.none", "Click an arrow or a packet to see what each layer carries.",
     "矢印かパケットをクリックすると、各層が運ぶ内容が表示されます。"},
    {"inspector.encapsulation", "Encapsulation", "カプセル化"},
    {"inspector.sender", "Sender", "送信側"},
    {"inspector.receiver", "Receiver", "受信側"},
    {"inspector.wire", "wire", "回線"},
    {"inspector.carries", "Carries", "運ぶ内容"},
    {"inspector.job", "Job of the layer", "この層の役割"},
    {"inspector.meaning", "Meaning", "意味"},
    {"inspector.decoded", "Decoded", "デコード結果"},
    {"inspector.state", "Session state", "セッションの状態"},
    {"inspector.no_packet", "No packet of this capture carried it.", "このキャプチャにはこれを運んだパケットがありません。"},
    {"inspector.enc.lines", "Text lines in ASCII, each ending in CRLF.", "ASCII のテキスト行 (各行の終わりは CRLF)。"},
    {"inspector.enc.base64", "base64: the SASL exchange is base64-encoded (RFC 4648), not encrypted.",
     "base64: SASL のやり取りは base64 で符号化されているだけで、暗号化ではありません (RFC 4648)。"},
    {"inspector.enc.utf7", "Modified UTF-7 mailbox name (RFC 3501 §5.1.3).", "修正 UTF-7 のメールボックス名 (RFC 3501 §5.1.3)。"},
    {"inspector.enc.mime", "Message in Internet Message Format (RFC 5322), maybe MIME-encoded; lines starting with '.' are dot-stuffed (RFC 5321 §4.5.2).",
     "インターネットメッセージ形式 (RFC 5322) のメール。MIME で符号化されていることもあります。'.' で始まる行はドットが重ねられます (RFC 5321 §4.5.2)。"},
    {"inspector.enc.literal", "IMAP literal: {n} announces n bytes sent as they are (RFC 3501 §4.3).",
     "IMAP リテラル: {n} のあとに n バイトがそのまま送られます (RFC 3501 §4.3)。"},
    {"inspector.enc.tls", "TLS records: the content is encrypted and cannot be read here.",
     "TLS レコード: 内容は暗号化されていて、ここでは読めません。"},
    {"inspector.l4.ports", "Ports", "ポート"},
    {"inspector.l4.service", "{0} is the well-known port of {1}; {2} is the client's temporary port.",
     "{0} は {1} のウェルノウンポート、{2} はクライアントの一時的なポートです。"},
    {"inspector.l4.service_mapped", "{0} is the port this {1} server listens on (not a well-known port: mapped with --port); {2} is the client's temporary port.",
     "{0} はこの {1} サーバが待ち受けるポート (ウェルノウンポートではなく --port で対応付けたもの)、{2} はクライアントの一時的なポートです。"},
    {"inspector.l4.sizes", "{0} B header, {1} B payload", "ヘッダ {0} B、ペイロード {1} B"},
    {"inspector.l3.sizes", "header {0} B, total {1} B", "ヘッダ {0} B、全長 {1} B"},
    {"inspector.l4.segments", "Segments that carried this", "これを運んだセグメント数"},
    {"inspector.l4.retrans", "Retransmitted segments in this direction", "この方向の再送セグメント"},
    {"inspector.l4.gaps", "Missing bytes in this direction", "この方向の欠落バイト"},
    {"inspector.l2.loopback", "Loopback: the packet never left the computer (no MAC addresses).",
     "ループバック: パケットはコンピュータの外に出ていません (MAC アドレスなし)。"},
    {"inspector.l2.cooked", "Linux cooked capture (tcpdump -i any): the real link header was replaced.",
     "Linux cooked キャプチャ (tcpdump -i any): 実際のリンクヘッダは置き換えられています。"},
    {"inspector.l2.raw", "Raw IP capture: no link-layer header was recorded.", "生 IP キャプチャ: リンク層ヘッダは記録されていません。"},
    {"inspector.l1.length", "Frame length", "フレーム長"},
    {"inspector.l1.time", "Capture time", "キャプチャ時刻"},
    {"inspector.l1.interface", "Interface", "インタフェース"},
    {"inspector.bytes", "{0} bytes ({1} captured)", "{0} バイト (キャプチャ {1} バイト)"},
    // Packets and hex
    {"packets.title", "Packets", "パケット"},
    {"packets.col.number", "No.", "番号"},
    {"packets.col.time", "Time", "時刻"},
    {"packets.col.dir", "Dir", "方向"},
    {"packets.col.flags", "Flags", "フラグ"},
    {"packets.col.len", "Payload", "ペイロード"},
    {"packets.dir.c2s", "C→S", "C→S"},
    {"packets.dir.s2c", "S→C", "S→C"},
    {"hex.title", "Bytes", "バイト列"},
    {"hex.none", "Select a packet to see its bytes.", "パケットを選ぶとバイト列が表示されます。"},
    {"hex.unreadable", "The packet could not be read from the file again.", "ファイルからパケットを再読み込みできませんでした。"},
    // Lessons
    {"menu.lessons", "Lessons", "レッスン"},
    {"menu.lessons.show", "Show the lesson panel", "レッスンパネルを表示"},
    {"menu.lessons.list", "All lessons", "レッスン一覧"},
    {"lessons.title", "Lessons", "レッスン"},
    {"lessons.intro", "Each lesson walks through a real capture, step by step. Choose one to begin.",
     "各レッスンは実際のキャプチャを一歩ずつたどります。レッスンを選んで始めましょう。"},
    {"lessons.loading", "Loading the lessons…", "レッスンを読み込み中…"},
    {"lessons.none", "No lessons were found (lessons/*.toml).", "レッスン (lessons/*.toml) が見つかりません。"},
    {"lessons.done", "Done", "完了"},
    {"lessons.not_done", "Not yet", "未完了"},
    {"lessons.steps", "{0} steps", "{0} ステップ"},
    {"lessons.start", "Start", "はじめる"},
    {"lessons.continue", "Continue at step {0}", "ステップ {0} から続ける"},
    {"lessons.broken", "These lesson files have a mistake and were left out; the other lessons work:",
     "次のレッスンファイルには誤りがあるため読み込みませんでした (ほかのレッスンは使えます):"},
    {"lessons.error_at", "{0}, line {1}: {2}", "{0} の {1} 行目: {2}"},
    {"lessons.error_file", "{0}: {1}", "{0}: {1}"},
    {"lessons.all", "All lessons", "レッスン一覧"},
    {"lessons.back", "Back", "戻る"},
    {"lessons.next", "Next", "次へ"},
    {"lessons.step_of", "Step {0} of {1}", "ステップ {0} / {1}"},
    {"lessons.layer", "Inspector: layer {0}, {1}", "インスペクタ: 第 {0} 層 {1}"},
    {"lessons.replay", "Play this step again", "このステップをもう一度再生"},
    {"lessons.question", "Question", "問題"},
    {"lessons.check", "Check", "答え合わせ"},
    {"lessons.right", "Right!", "正解です!"},
    {"lessons.wrong", "Not quite. The answer is: {0}", "残念。正解は「{0}」です。"},
    {"lessons.finished", "This is the last step: the lesson is done.", "これが最後のステップです。レッスン完了です。"},
    {"lessons.capture", "Capture: {0}", "キャプチャ: {0}"},
    {"lessons.unresolved", "This step's moment was not found in the open capture.",
     "このステップの場面が、開いているキャプチャに見つかりません。"},
    {"lessons.unknown", "There is no lesson \"{0}\".", "レッスン「{0}」はありません。"},
    // Themes and languages
    {"lang.en", "English", "English"},
    {"lang.ja", "日本語", "日本語"},
};

const std::unordered_map<std::string_view, const UiStringEntry*>& index() {
  static const std::unordered_map<std::string_view, const UiStringEntry*> map = [] {
    std::unordered_map<std::string_view, const UiStringEntry*> m;
    for (const UiStringEntry& e : kStrings) m.emplace(e.key, &e);
    return m;
  }();
  return map;
}

}  // namespace

const char* ui_text(std::string_view key, Language language) {
  auto it = index().find(key);
  if (it == index().end()) {
    // Unknown keys are shown as themselves; keep them alive for ImGui in a bounded set.
    static std::unordered_map<std::string, std::string> unknown;
    if (unknown.size() > 256) return "?";
    auto [pos, inserted] = unknown.emplace(std::string(key), std::string(key));
    (void)inserted;
    return pos->second.c_str();
  }
  return language == Language::japanese ? it->second->japanese : it->second->english;
}

bool has_ui_text(std::string_view key) { return index().count(key) != 0; }

std::string ui_format(std::string_view key, Language language, std::initializer_list<std::string_view> args) {
  std::string_view pattern = ui_text(key, language);
  std::string out;
  out.reserve(pattern.size() + 32);
  for (size_t i = 0; i < pattern.size(); ++i) {
    if (pattern[i] == '{' && i + 2 < pattern.size() && pattern[i + 2] == '}' && pattern[i + 1] >= '0' &&
        pattern[i + 1] <= '9') {
      size_t n = static_cast<size_t>(pattern[i + 1] - '0');
      if (n < args.size()) {
        out += *(args.begin() + n);
        i += 2;
        continue;
      }
    }
    out += pattern[i];
  }
  return out;
}

const UiStringEntry* ui_strings_table(size_t& count) {
  count = sizeof(kStrings) / sizeof(kStrings[0]);
  return kStrings;
}

}  // namespace mailscope
