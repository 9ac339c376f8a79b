<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ja_JP">
<context>
    <name>AgendaModel</name>
    <message>
        <source>Time</source>
        <translation>時刻</translation>
    </message>
    <message>
        <source>Item</source>
        <translation>項目</translation>
    </message>
    <message>
        <source>Where</source>
        <translation>場所</translation>
    </message>
    <message>
        <source>Attendees</source>
        <translation>参加者</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状況</translation>
    </message>
    <message>
        <source>Idea</source>
        <extracomment>Item statuses as the window shows them.</extracomment>
        <translation>案</translation>
    </message>
    <message>
        <source>Requested</source>
        <translation>依頼中</translation>
    </message>
    <message>
        <source>Confirmed</source>
        <translation>確定</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>中止</translation>
    </message>
    <message>
        <source>may split</source>
        <extracomment>The tour&apos;s travel settings (which days the delegation may split), kept current.</extracomment>
        <translation>別行動可</translation>
    </message>
    <message>
        <source>Planning may split the delegation into groups on this day when travellers&apos; goals differ (this day&apos;s own choice; right-click the day to change it)</source>
        <translation>参加者の目標が異なるとき、この日は視察団をグループに分けて計画できます (この日の指定。変えるには日を右クリック)</translation>
    </message>
    <message>
        <source>Planning may split the delegation into groups on this day when travellers&apos; goals differ (the tour&apos;s travel setting; right-click the day to change it for this day)</source>
        <translation>参加者の目標が異なるとき、この日は視察団をグループに分けて計画できます (ツアーの移動の設定。この日だけ変えるには日を右クリック)</translation>
    </message>
    <message>
        <source>Everyone (%1)</source>
        <translation>全員 (%1)</translation>
    </message>
    <message>
        <source>%1 is not a time of day (write it as 14:30)</source>
        <translation>%1 は時刻ではありません（14:30 のように入力してください）</translation>
    </message>
</context>
<context>
    <name>AskHostDialog</name>
    <message>
        <source>Host</source>
        <extracomment>The code of the finding a due reminder makes (:mod:`planner.feasibility.findings`). The records the table shows besides the requests: a change to one is read again. The steps the buttons take: the states each follows (the planner refuses the others too). The new request&apos;s key, once made.</extracomment>
        <translation>訪問先</translation>
    </message>
    <message>
        <source>Ask a Host</source>
        <translation>訪問先への依頼</translation>
    </message>
    <message>
        <source>Every host in the directory has been asked.</source>
        <translation>名簿のすべての訪問先にすでに依頼しています。</translation>
    </message>
    <message>
        <source>(no meeting yet)</source>
        <translation>（面談なし）</translation>
    </message>
    <message>
        <source>(no contact)</source>
        <translation>（担当者なし）</translation>
    </message>
    <message>
        <source>Ask %1</source>
        <translation>%1に依頼</translation>
    </message>
</context>
<context>
    <name>AvailabilitySection</name>
    <message>
        <source>Available slots</source>
        <extracomment>The dialog last opened (tests fill it in).</extracomment>
        <translation>受け入れ可能な時間帯</translation>
    </message>
    <message>
        <source>When</source>
        <translation>日時</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>メモ</translation>
    </message>
    <message>
        <source>Add…</source>
        <translation>追加…</translation>
    </message>
    <message>
        <source>Add a time when the host can receive the delegation</source>
        <translation>訪問先が視察団を受け入れられる時間帯を追加します</translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation>編集…</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>削除</translation>
    </message>
    <message>
        <source>Weekly pattern…</source>
        <translation>毎週のパターン…</translation>
    </message>
    <message>
        <source>The same hours on chosen weekdays, e.g. Tue–Thu 10:00–16:00, for every such day of the tour</source>
        <translation>選んだ曜日に同じ時間帯（例: 火〜木 10:00–16:00）を、ツアー中の該当する日ごとに作ります</translation>
    </message>
    <message>
        <source>Import free/busy .ics…</source>
        <translation>空き時間の .ics を読み込む…</translation>
    </message>
    <message>
        <source>Replace the slots with the free time in the host&apos;s calendar file (or its working hours minus busy time)</source>
        <translation>訪問先のカレンダーファイルの空き時間（または勤務時間から予定のある時間を除いた時間）で時間帯を置き換えます</translation>
    </message>
    <message>
        <source>No slots yet. Times are in %1, the office&apos;s time zone.</source>
        <translation>時間帯はまだありません。時刻はオフィスのタイムゾーン %1 で表します。</translation>
    </message>
    <message>
        <source>Times are in %1, the office&apos;s time zone.</source>
        <translation>時刻はオフィスのタイムゾーン %1 で表します。</translation>
    </message>
    <message>
        <source>%1 has no address yet: give its address first (Office, above), then its slots can be added.</source>
        <translation>%1 にはまだ住所がありません。先に住所を入力してください（上の「オフィス」）。その後で時間帯を追加できます。</translation>
    </message>
    <message numerus="yes">
        <source>Delete %n slots of %1</source>
        <translation>
            <numerusform>%1 の時間帯 %n 件を削除</numerusform>
        </translation>
    </message>
    <message>
        <source>the slot %1 of %2</source>
        <translation>%2 の時間帯 %1</translation>
    </message>
    <message>
        <source>Import Free/Busy Calendar</source>
        <translation>空き時間カレンダーの読み込み</translation>
    </message>
    <message>
        <source>Calendar files (*.ics *.ifb *.vfb);;All files (*)</source>
        <translation>カレンダーファイル (*.ics *.ifb *.vfb);;すべてのファイル (*)</translation>
    </message>
    <message>
        <source>Reading %1…</source>
        <translation>%1 を読み込み中…</translation>
    </message>
    <message>
        <source>Importing %1</source>
        <translation>%1 を取り込み中</translation>
    </message>
    <message>
        <source>Import %1 into the slots of %2</source>
        <translation>%1 を %2 の時間帯に取り込む</translation>
    </message>
    <message numerus="yes">
        <source>%1: %n slots from its free time, replacing %2.</source>
        <translation>
            <numerusform>%1: 空き時間から %n 件の時間帯（%2 件を置き換え）。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1: %n slots from the working hours minus its busy time, replacing %2.</source>
        <translation>
            <numerusform>%1: 勤務時間から予定のある時間を除いた %n 件の時間帯（%2 件を置き換え）。</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 is not a calendar file that can be read (%2). Nothing was changed.</source>
        <translation>%1 は読み込めるカレンダーファイルではありません（%2）。何も変更していません。</translation>
    </message>
    <message>
        <source>%1 holds no free or busy time. Nothing was changed.</source>
        <translation>%1 には空き時間も予定もありません。何も変更していません。</translation>
    </message>
    <message>
        <source>%1 was not imported: the organisation has no address yet; give its address first.</source>
        <translation>%1 は取り込まれませんでした: この組織にはまだ住所がありません。先に住所を入力してください。</translation>
    </message>
    <message>
        <source>%1 was not imported: the organisation no longer exists.</source>
        <translation>%1 は取り込まれませんでした: この組織はもう存在しません。</translation>
    </message>
    <message>
        <source>%1 was not imported: %2</source>
        <translation>%1 は取り込まれませんでした: %2</translation>
    </message>
</context>
<context>
    <name>BusyWork</name>
    <message>
        <source>Cancel</source>
        <extracomment>The running work (None while idle).</extracomment>
        <translation>キャンセル</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>閉じる</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>キャンセル中…</translation>
    </message>
</context>
<context>
    <name>ChangesModel</name>
    <message>
        <source>add</source>
        <translation>追加</translation>
    </message>
    <message>
        <source>move</source>
        <translation>移動</translation>
    </message>
    <message>
        <source>drop</source>
        <translation>削除</translation>
    </message>
    <message>
        <source>everyone</source>
        <translation>全員</translation>
    </message>
</context>
<context>
    <name>Columns</name>
    <message>
        <source>Day</source>
        <translation>日付</translation>
    </message>
    <message>
        <source>Severity</source>
        <translation>重要度</translation>
    </message>
    <message>
        <source>Finding</source>
        <translation>指摘</translation>
    </message>
    <message>
        <source>Suggestion</source>
        <translation>対応案</translation>
    </message>
    <message>
        <source>yes</source>
        <extracomment>The role that gives a cell&apos;s value for sorting and filtering (plain text, or a number). In English: the planner&apos;s label of the field *label* names, or a title of the column&apos;s own (marked with QT_TRANSLATE_NOOP(&quot;Columns&quot;, ...)); :meth:`heading` translates it. Shown in the table (else only in the detail form). How the detail form edits it: &quot;line&quot;, &quot;text&quot; (several lines), &quot;choice&quot;, &quot;flag&quot;, or &quot;reference&quot; (a record of another kind, by key; the browser supplies the records). How a choice reads (a priority&apos;s meaning), else the choice itself. A reference column: what &quot;none&quot; means (&quot;Delegation&quot; for a goal without a traveller). What the column typically holds, for its width (measured with the table&apos;s font; a choice column is as wide as its longest label as well). The column that takes the room the others leave (a goal&apos;s title), never narrower than its typical text. The field whose label (the planner&apos;s one table, :data:`planner.edits.FIELD_LABELS`) titles the column, translated by the planner&apos;s catalogue; &quot;&quot; for a title of its own. A column edited as shown, in the window&apos;s language (topics): the value to store for the record and the edited text (what was left as shown stays as it was typed).</extracomment>
        <translation>はい</translation>
    </message>
    <message>
        <source>Delegation</source>
        <translation>視察団</translation>
    </message>
    <message>
        <source>nice to know</source>
        <extracomment>What the priorities mean (the ones between go without words).</extracomment>
        <translation>知っておくとよい</translation>
    </message>
    <message>
        <source>useful</source>
        <translation>役に立つ</translation>
    </message>
    <message>
        <source>must learn</source>
        <translation>必ず学ぶ</translation>
    </message>
    <message>
        <source>Startup</source>
        <extracomment>What each kind of organisation is called in the window.</extracomment>
        <translation>スタートアップ</translation>
    </message>
    <message>
        <source>Scale-up</source>
        <translation>スケールアップ</translation>
    </message>
    <message>
        <source>Investor</source>
        <translation>投資家</translation>
    </message>
    <message>
        <source>Accelerator</source>
        <translation>アクセラレーター</translation>
    </message>
    <message>
        <source>Corporate</source>
        <translation>大企業</translation>
    </message>
    <message>
        <source>University</source>
        <translation>大学</translation>
    </message>
    <message>
        <source>Research institute</source>
        <translation>研究機関</translation>
    </message>
    <message>
        <source>Public agency</source>
        <translation>公的機関</translation>
    </message>
    <message>
        <source>Hub</source>
        <translation>イノベーション拠点</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>その他</translation>
    </message>
    <message>
        <source>Open</source>
        <extracomment>How far a learning goal was answered after the tour (the Debrief view uses them too).</extracomment>
        <translation>未解決</translation>
    </message>
    <message>
        <source>Partly answered</source>
        <translation>一部解決</translation>
    </message>
    <message>
        <source>Answered</source>
        <translation>解決</translation>
    </message>
    <message>
        <source>Location</source>
        <translation>位置</translation>
    </message>
    <message>
        <source>Coordinates</source>
        <translation>座標</translation>
    </message>
    <message>
        <source>exact</source>
        <translation>正確</translation>
    </message>
    <message>
        <source>approximate</source>
        <translation>概算</translation>
    </message>
    <message>
        <source>Change</source>
        <extracomment>The widest each column but the last grows to its texts (who goes: a group&apos;s names wrap in the tooltip, the goals served keep room).</extracomment>
        <translation>変更</translation>
    </message>
    <message>
        <source>Organisation</source>
        <translation>組織</translation>
    </message>
    <message>
        <source>When</source>
        <translation>日時</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>参加者</translation>
    </message>
    <message>
        <source>Serves</source>
        <translation>対応する目標</translation>
    </message>
    <message>
        <source>Goal</source>
        <extracomment>Typical contents, for the columns&apos; widths: a name, a Japanese name, an e-mail address...</extracomment>
        <translation>目標</translation>
    </message>
</context>
<context>
    <name>Commands</name>
    <message>
        <source>“%1” cannot be redone: another program has changed what it changes since. The tour stays as it is now.</source>
        <extracomment>Its work was done before the push (:func:`push_done`): the push&apos;s redo skips it.</extracomment>
        <translation>「%1」はやり直せません。その後、他のプログラムが同じ内容を変更しました。ツアーは現在のままです。</translation>
    </message>
    <message>
        <source>“%1” cannot be undone: another program has changed what it changed since. The tour stays as it is now.</source>
        <translation>「%1」は元に戻せません。その後、他のプログラムが同じ内容を変更しました。ツアーは現在のままです。</translation>
    </message>
    <message>
        <source> (changed by another program)</source>
        <extracomment>Link tables whose rows belong to an agenda item&apos;s print (they name it by ``item_id``). The column left out of a print: it goes up with every change, not a change of its own. The records its steps changed (what another program&apos;s change may have overtaken). Another program changed what it changed: undoing it would undo their work. The macro it is part of, and the steps of that macro (all stale together).</extracomment>
        <translation>（他のプログラムが変更）</translation>
    </message>
    <message>
        <source>Change %1 of %2</source>
        <translation>%2 の%1を変更</translation>
    </message>
    <message>
        <source>Resize %1</source>
        <translation>%1 の長さを変更</translation>
    </message>
    <message>
        <source>Move %1</source>
        <translation>%1 を移動</translation>
    </message>
    <message>
        <source>Duplicate %1</source>
        <translation>%1 を複製</translation>
    </message>
    <message>
        <source>Delete %1</source>
        <translation>%1 を削除</translation>
    </message>
</context>
<context>
    <name>CoverageModel</name>
    <message>
        <source>Learning goal</source>
        <extracomment>The meeting UID of a meeting column&apos;s cells and header (None elsewhere). The goal id of a row&apos;s cells. A meeting cell&apos;s mark: &quot;serves&quot;, &quot;hint&quot; or &quot;&quot;. Rows of uncovered goals: a translucent red, readable over light and dark bases alike. Every other day&apos;s meetings: a translucent grey band. Qt&apos;s translate, by the name lupdate looks for: translate(&quot;CoverageModel&quot;, &quot;text&quot;). The first meeting column.</extracomment>
        <translation>学習目標</translation>
    </message>
    <message>
        <source>For</source>
        <translation>対象</translation>
    </message>
    <message>
        <source>Priority</source>
        <translation>優先度</translation>
    </message>
    <message>
        <source>Served by</source>
        <translation>対応する面談</translation>
    </message>
    <message>
        <source>Delegation</source>
        <translation>視察団</translation>
    </message>
    <message>
        <source>Not covered</source>
        <translation>未対応</translation>
    </message>
    <message>
        <source>1 meeting</source>
        <translation>面談 1 件</translation>
    </message>
    <message>
        <source>%n meetings</source>
        <translation>面談 %n 件</translation>
    </message>
    <message>
        <source>Status: %1</source>
        <translation>状況：%1</translation>
    </message>
    <message>
        <source>Host match %1, set by the coordinator</source>
        <translation>訪問先の適合度 %1（コーディネーターが設定）</translation>
    </message>
    <message>
        <source>matches on %1</source>
        <translation>%1 が一致</translation>
    </message>
    <message>
        <source>its description mentions %1</source>
        <translation>紹介文に %1 の記載あり</translation>
    </message>
    <message>
        <source>its kind fits the goal</source>
        <translation>組織の種類が目標に合う</translation>
    </message>
    <message>
        <source>Host match %1: %2</source>
        <translation>訪問先の適合度 %1：%2</translation>
    </message>
    <message>
        <source>%1 · priority %2 of 5</source>
        <translation>%1 · 優先度 %2（5 段階）</translation>
    </message>
    <message>
        <source>Not covered: no planned meeting serves this goal.</source>
        <translation>未対応：この目標に対応する面談は計画にありません。</translation>
    </message>
    <message>
        <source>Served by:</source>
        <translation>対応する面談：</translation>
    </message>
    <message>
        <source>Serves “%1”</source>
        <translation>「%1」に対応</translation>
    </message>
    <message>
        <source>Could serve “%1”: the host matches it, but the meeting is not linked to it</source>
        <translation>「%1」に対応できる可能性：訪問先は目標に合っていますが、面談に目標が紐づいていません</translation>
    </message>
    <message>
        <source>Does not serve “%1”</source>
        <translation>「%1」には対応しない</translation>
    </message>
    <message>
        <source>serves</source>
        <translation>対応</translation>
    </message>
    <message>
        <source>could serve</source>
        <translation>対応の可能性</translation>
    </message>
    <message>
        <source>Priority, from 1 (nice to have) to 5 (the reason to come)</source>
        <translation>優先度：1（あれば良い）〜 5（参加の目的そのもの）</translation>
    </message>
    <message>
        <source>Serves:</source>
        <translation>対応する目標：</translation>
    </message>
    <message>
        <source>Serves no learning goal</source>
        <translation>対応する学習目標なし</translation>
    </message>
</context>
<context>
    <name>CoverageView</name>
    <message>
        <source>Reading the coverage</source>
        <extracomment>The kinds of record whose changes change the matrix. The matrix was read again and is shown.</extracomment>
        <translation>達成状況を読み込み中</translation>
    </message>
    <message>
        <source>Whole delegation</source>
        <extracomment>The goal column&apos;s width once the user has chosen one (else it fits the room).</extracomment>
        <translation>視察団全体</translation>
    </message>
    <message>
        <source>Goals and meetings of</source>
        <translation>表示する対象</translation>
    </message>
    <message>
        <source>● the meeting serves the goal    ○ the host matches the goal, but the meeting is not linked to it    Host in italics: meeting not confirmed yet</source>
        <translation>● 面談が目標に対応    ○ 訪問先は目標に合うが、面談に紐づいていない    斜体の訪問先：未確定の面談</translation>
    </message>
    <message>
        <source>Coverage of the learning goals</source>
        <translation>学習目標のカバー状況</translation>
    </message>
    <message>
        <source>No learning goals yet</source>
        <translation>学習目標はまだありません</translation>
    </message>
    <message numerus="yes">
        <source>All %n goals covered</source>
        <translation>
            <numerusform>全 %n 件の目標に対応済み</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 of %2 goals not covered</source>
        <translation>%2 件中 %1 件の目標が未対応</translation>
    </message>
    <message>
        <source>coverage %1 (weighted by priority)</source>
        <translation>カバー率 %1（優先度で加重）</translation>
    </message>
</context>
<context>
    <name>Debrief</name>
    <message>
        <source>Learning</source>
        <extracomment>What each kind of key takeaway is called (&quot;&quot; : a plain learning, not a takeaway).</extracomment>
        <translation>学び</translation>
    </message>
    <message>
        <source>Trend</source>
        <translation>トレンド</translation>
    </message>
    <message>
        <source>Technology</source>
        <translation>技術</translation>
    </message>
    <message>
        <source>Business model</source>
        <translation>ビジネスモデル</translation>
    </message>
    <message>
        <source>Partner candidate</source>
        <translation>パートナー候補</translation>
    </message>
    <message>
        <source>Risk</source>
        <translation>リスク</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>その他</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>はい</translation>
    </message>
    <message>
        <source>no</source>
        <translation>いいえ</translation>
    </message>
    <message>
        <source>Delegation</source>
        <extracomment>Ratings as stars (the index is the score; 0: not rated). Who said it (None: the delegation). Who may have said a learning (the delegation first), and the goals one may serve. Every goal of the tour with its outcome (id, title, title_ja, outcome).</extracomment>
        <translation>視察団</translation>
    </message>
    <message>
        <source>Takeaway</source>
        <translation>気づき</translation>
    </message>
    <message>
        <source>What was learned</source>
        <translation>学んだこと</translation>
    </message>
    <message>
        <source>Said by</source>
        <translation>発言者</translation>
    </message>
    <message>
        <source>Goal</source>
        <translation>目標</translation>
    </message>
    <message>
        <source>Next step</source>
        <translation>次のステップ</translation>
    </message>
    <message>
        <source>(no goal)</source>
        <translation>（目標なし）</translation>
    </message>
    <message>
        <source>Add takeaway to %1</source>
        <translation>%1 に気づきを追加</translation>
    </message>
    <message>
        <source>Delete %1 takeaways</source>
        <translation>気づき %1 件を削除</translation>
    </message>
    <message>
        <source>Attendee</source>
        <translation>参加者</translation>
    </message>
    <message>
        <source>Rating</source>
        <translation>評価</translation>
    </message>
    <message>
        <source>Would recommend</source>
        <translation>推薦する</translation>
    </message>
    <message>
        <source>Comment</source>
        <translation>コメント</translation>
    </message>
    <message>
        <source>(not rated)</source>
        <translation>（未評価）</translation>
    </message>
    <message>
        <source>(not said)</source>
        <translation>（未回答）</translation>
    </message>
    <message>
        <source>Give a rating first</source>
        <translation>先に評価を付けてください</translation>
    </message>
    <message>
        <source>Rate %1</source>
        <translation>%1 の評価を追加</translation>
    </message>
    <message>
        <source>%1 at %2</source>
        <translation>%2 での %1</translation>
    </message>
</context>
<context>
    <name>DebriefView</name>
    <message>
        <source>(%1)</source>
        <extracomment>How long the typing may pause before a text box is committed (milliseconds). The kinds of record whose changes change what the view shows.</extracomment>
        <translation>（%1）</translation>
    </message>
    <message>
        <source>What the delegation learned here for this goal</source>
        <translation>この目標について視察団がここで学んだこと</translation>
    </message>
    <message>
        <source>Learned for %1</source>
        <translation>%1 について学んだこと</translation>
    </message>
    <message>
        <source>Reading the debrief</source>
        <extracomment>The view shows what it read last. The agenda item shown (its key), None before one is chosen.</extracomment>
        <translation>振り返りを読み込み中</translation>
    </message>
    <message>
        <source>Add learning for %1</source>
        <translation>%1 の学びを追加</translation>
    </message>
    <message>
        <source>New takeaway</source>
        <translation>新しい気づき</translation>
    </message>
    <message>
        <source>New learning</source>
        <translation>新しい学び</translation>
    </message>
    <message>
        <source>Meeting</source>
        <translation>面談</translation>
    </message>
    <message>
        <source>Rating</source>
        <translation>評価</translation>
    </message>
    <message>
        <source>Meetings</source>
        <translation>面談</translation>
    </message>
    <message>
        <source>Learning goal</source>
        <translation>学習目標</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>解決状況</translation>
    </message>
    <message>
        <source>Outcomes of the learning goals</source>
        <translation>学習目標の解決状況</translation>
    </message>
    <message>
        <source>&amp;Summary: what the delegation learned</source>
        <translation>まとめ(&amp;S): 視察団が学んだこと</translation>
    </message>
    <message>
        <source>In a few lines: what this meeting taught the delegation</source>
        <translation>この面談で視察団が学んだことを数行で</translation>
    </message>
    <message>
        <source>Summary</source>
        <translation>まとめ</translation>
    </message>
    <message>
        <source>Goals it served: outcome, and what was learned for each here</source>
        <translation>対応した目標: 解決状況と、ここでそれぞれについて学んだこと</translation>
    </message>
    <message>
        <source>The meeting serves no learning goal (the item editor links goals).</source>
        <translation>この面談に対応する学習目標はありません（目標は予定の編集で紐づけます）。</translation>
    </message>
    <message>
        <source>Key takeaways and other learnings</source>
        <translation>主な気づきとその他の学び</translation>
    </message>
    <message>
        <source>Add a takeaway</source>
        <translation>気づきを追加</translation>
    </message>
    <message>
        <source>Delete the chosen takeaways</source>
        <translation>選択した気づきを削除</translation>
    </message>
    <message>
        <source>Learning (no tag)</source>
        <translation>学び（タグなし）</translation>
    </message>
    <message>
        <source>Ratings by the attendees</source>
        <translation>参加者による評価</translation>
    </message>
    <message>
        <source>Choose a meeting in the list, the agenda or the timeline to write down what the delegation learned there and how it rated it.</source>
        <translation>一覧、日程、タイムラインで面談を選ぶと、視察団がそこで学んだことと評価を書き留められます。</translation>
    </message>
</context>
<context>
    <name>DeclineDialog</name>
    <message>
        <source>e.g. no capacity in May</source>
        <translation>例：5月は対応できない</translation>
    </message>
    <message>
        <source>Why did %1 decline?</source>
        <translation>%1が辞退した理由は何ですか？</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>理由</translation>
    </message>
    <message>
        <source>Declined</source>
        <translation>辞退</translation>
    </message>
</context>
<context>
    <name>EmptyStateGuide</name>
    <message>
        <source>Add the hotel nights</source>
        <extracomment>The steps the card offers, in order: (object name of the window&apos;s action, button text, the line that explains it), translated in the context &quot;EmptyStateGuide&quot; when shown.</extracomment>
        <translation>宿泊を追加する</translation>
    </message>
    <message>
        <source>Which hotel the delegation sleeps in on which nights; each day&apos;s city follows from them.</source>
        <translation>視察団がどの夜にどのホテルに泊まるか。各日の都市は宿泊から決まります。</translation>
    </message>
    <message>
        <source>Import contacts…</source>
        <translation>連絡先を取り込む…</translation>
    </message>
    <message>
        <source>The organisations and people you may visit, from a CSV, Excel or vCard file.</source>
        <translation>訪問候補の組織と人物を CSV、Excel、vCard ファイルから取り込みます。</translation>
    </message>
    <message>
        <source>Add an item…</source>
        <translation>予定を追加する…</translation>
    </message>
    <message>
        <source>A meeting, meal, train, flight or free time, on the day and at the time you choose.</source>
        <translation>面談、食事、列車、フライト、自由時間を、選んだ日と時刻に追加します。</translation>
    </message>
    <message>
        <source>Plan the tour…</source>
        <translation>ツアーを自動で計画する…</translation>
    </message>
    <message>
        <source>Ecovisit proposes meetings with hosts that serve the delegation&apos;s goals; you review them before anything changes.</source>
        <translation>視察団の目標に合う訪問先との面談を Ecovisit が提案します。反映する前に内容を確認できます。</translation>
    </message>
    <message>
        <source>Tour properties…</source>
        <translation>ツアーのプロパティ…</translation>
    </message>
    <message>
        <source>Title, dates, home time zone, working day, vision and the coordinator&apos;s contact details.</source>
        <translation>タイトル、期間、出発地のタイムゾーン、活動時間、ビジョン、コーディネーターの連絡先。</translation>
    </message>
    <message>
        <source>This tour has no agenda yet</source>
        <extracomment>A button per step, by the object name of its action.</extracomment>
        <translation>このツアーにはまだ予定がありません</translation>
    </message>
    <message>
        <source>Where to start:</source>
        <translation>はじめに:</translation>
    </message>
</context>
<context>
    <name>Export</name>
    <message>
        <source>Whole delegation</source>
        <extracomment>Writes an export: (session, destination, progress, replace) -&gt; events or pages written. Characters a file name cannot hold on some system (Windows is the strictest). Where the traveller box keeps each traveller&apos;s (name, Japanese name).</extracomment>
        <translation>視察団全員</translation>
    </message>
    <message>
        <source>English</source>
        <translation>英語</translation>
    </message>
    <message>
        <source>Japanese</source>
        <translation>日本語</translation>
    </message>
</context>
<context>
    <name>ExportCalendarDialog</name>
    <message>
        <source>Export Calendar</source>
        <translation>カレンダーの書き出し</translation>
    </message>
    <message>
        <source> min before</source>
        <translation> 分前</translation>
    </message>
    <message>
        <source>No reminder</source>
        <translation>通知なし</translation>
    </message>
    <message>
        <source>Include the hosts&apos; phone numbers</source>
        <translation>訪問先の電話番号を含める</translation>
    </message>
    <message>
        <source>Include the idea items</source>
        <translation>案の段階の項目を含める</translation>
    </message>
    <message>
        <source>Items still at the idea stage are left out of calendars unless this is checked; requested items are always in, as tentative.</source>
        <translation>案の段階の項目は、ここにチェックを入れない限りカレンダーに含まれません。依頼中の項目は常に仮の予定として含まれます。</translation>
    </message>
    <message>
        <source>&amp;Traveller:</source>
        <translation>参加者(&amp;T):</translation>
    </message>
    <message>
        <source>&amp;Reminder:</source>
        <translation>通知(&amp;R):</translation>
    </message>
    <message>
        <source>Calendar programs update the events they imported before when the file is imported again; cancelled meetings are removed.</source>
        <translation>ファイルを再度取り込むと、カレンダーアプリは以前に取り込んだ予定を更新し、キャンセルされた面談を削除します。</translation>
    </message>
    <message>
        <source>iCalendar files (*.ics)</source>
        <translation>iCalendar ファイル (*.ics)</translation>
    </message>
    <message>
        <source>Writing the calendar…</source>
        <translation>カレンダーを書き出し中…</translation>
    </message>
    <message>
        <source>Wrote %1 (1 event).</source>
        <translation>%1 を書き出しました (予定 1 件)。</translation>
    </message>
    <message>
        <source>Wrote %1 (%2 events).</source>
        <translation>%1 を書き出しました (予定 %2 件)。</translation>
    </message>
</context>
<context>
    <name>ExportFollowUpsDialog</name>
    <message>
        <source>Export Follow-ups</source>
        <extracomment>The owner box&apos;s &quot;everyone&quot; (a spreadsheet only) and &quot;the coordinator&quot;.</extracomment>
        <translation>フォローアップの書き出し</translation>
    </message>
    <message>
        <source>Spreadsheet (.xlsx)</source>
        <translation>スプレッドシート (.xlsx)</translation>
    </message>
    <message>
        <source>Task list of one owner (.ics)</source>
        <translation>担当者 1 人のタスクリスト (.ics)</translation>
    </message>
    <message>
        <source>Everyone</source>
        <translation>全員</translation>
    </message>
    <message>
        <source>Coordinator</source>
        <translation>コーディネーター</translation>
    </message>
    <message>
        <source>&amp;Format:</source>
        <translation>形式(&amp;F):</translation>
    </message>
    <message>
        <source>&amp;Owner:</source>
        <translation>担当者(&amp;O):</translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation>言語(&amp;L):</translation>
    </message>
    <message>
        <source>The owner&apos;s task list: Thunderbird, Apple Reminders and other task programs take its tasks, and update them when it is imported again. Outlook for Windows imports only the events of an .ics file, not its tasks: give Outlook users the spreadsheet.</source>
        <translation>担当者のタスクリストです。Thunderbird、Apple のリマインダーなどのタスクアプリがタスクを取り込み、再度取り込むと更新します。Windows 版 Outlook は .ics ファイルの予定だけを取り込み、タスクは取り込みません。Outlook を使う人にはスプレッドシートを渡してください。</translation>
    </message>
    <message>
        <source>A row per follow-up: what, who, with whom, from which meeting and goal, due, status.</source>
        <translation>フォローアップ 1 件につき 1 行: 内容、担当者、相手、元の面談と目標、期限、状況。</translation>
    </message>
    <message>
        <source>Follow-ups</source>
        <translation>フォローアップ</translation>
    </message>
    <message>
        <source>iCalendar files (*.ics)</source>
        <translation>iCalendar ファイル (*.ics)</translation>
    </message>
    <message>
        <source>Excel workbooks (*.xlsx)</source>
        <translation>Excel ブック (*.xlsx)</translation>
    </message>
    <message>
        <source>A task list is one owner&apos;s: choose the coordinator or a traveller.</source>
        <translation>タスクリストは担当者 1 人分です。コーディネーターか参加者を選んでください。</translation>
    </message>
    <message>
        <source>Writing the follow-ups…</source>
        <translation>フォローアップを書き出し中…</translation>
    </message>
    <message>
        <source>Wrote %1 (1 follow-up).</source>
        <translation>%1 を書き出しました (フォローアップ 1 件)。</translation>
    </message>
    <message>
        <source>Wrote %1 (%2 follow-ups).</source>
        <translation>%1 を書き出しました (フォローアップ %2 件)。</translation>
    </message>
</context>
<context>
    <name>ExportNotesDialog</name>
    <message>
        <source>Export Notes Sheet</source>
        <translation>メモシートの書き出し</translation>
    </message>
    <message>
        <source>Whole delegation (a sheet each)</source>
        <translation>視察団全員 (1 人 1 シート)</translation>
    </message>
    <message>
        <source>&amp;Traveller:</source>
        <translation>参加者(&amp;T):</translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation>言語(&amp;L):</translation>
    </message>
    <message>
        <source>A row per meeting the traveller attends, with its goals and prepared questions, and columns for what was learned, takeaways, a rating and follow-ups. Import the filled-in sheet with Import Notes Sheet.</source>
        <translation>参加者が出席する面談ごとに 1 行で、目標と準備した質問、そして学んだこと・気づき・評価・フォローアップの記入欄があります。記入したシートは「メモシートを取り込む」で取り込みます。</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>メモ</translation>
    </message>
    <message>
        <source>Excel workbooks (*.xlsx)</source>
        <translation>Excel ブック (*.xlsx)</translation>
    </message>
    <message>
        <source>Writing the notes sheet…</source>
        <translation>メモシートを書き出し中…</translation>
    </message>
    <message>
        <source>Wrote %1 (1 meeting row).</source>
        <translation>%1 を書き出しました (面談 1 行)。</translation>
    </message>
    <message>
        <source>Wrote %1 (%2 meeting rows).</source>
        <translation>%1 を書き出しました (面談 %2 行)。</translation>
    </message>
</context>
<context>
    <name>ExportPdfDialog</name>
    <message>
        <source>Export PDF</source>
        <translation>PDF の書き出し</translation>
    </message>
    <message>
        <source>Agenda (a page per day)</source>
        <translation>日程表 (1 日 1 ページ)</translation>
    </message>
    <message>
        <source>Briefing book</source>
        <translation>ブリーフィングブック</translation>
    </message>
    <message>
        <source>Host brief (for one host)</source>
        <translation>訪問先向け資料 (訪問先ごと)</translation>
    </message>
    <message>
        <source>Debrief report (after the tour)</source>
        <translation>振り返りレポート (視察後)</translation>
    </message>
    <message>
        <source>English</source>
        <translation>英語</translation>
    </message>
    <message>
        <source>Japanese</source>
        <translation>日本語</translation>
    </message>
    <message>
        <source>A4</source>
        <translation>A4</translation>
    </message>
    <message>
        <source>Letter</source>
        <translation>レター</translation>
    </message>
    <message>
        <source>&amp;Print:</source>
        <translation>印刷物(&amp;P):</translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation>言語(&amp;L):</translation>
    </message>
    <message>
        <source>&amp;Traveller:</source>
        <translation>参加者(&amp;T):</translation>
    </message>
    <message>
        <source>&amp;Host:</source>
        <translation>訪問先(&amp;H):</translation>
    </message>
    <message>
        <source>&amp;Paper:</source>
        <translation>用紙(&amp;A):</translation>
    </message>
    <message>
        <source>Host brief</source>
        <translation>訪問先向け資料</translation>
    </message>
    <message>
        <source>Debrief</source>
        <translation>振り返り</translation>
    </message>
    <message>
        <source>Agenda</source>
        <translation>日程表</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>PDF ファイル (*.pdf)</translation>
    </message>
    <message>
        <source>No organisation receives the delegation yet: there is no host to write a brief for.</source>
        <translation>視察団を受け入れる組織がまだありません。資料を作成する訪問先がありません。</translation>
    </message>
    <message>
        <source>Laying out the pages…</source>
        <translation>ページをレイアウト中…</translation>
    </message>
    <message>
        <source>%1 is no longer in the directory.</source>
        <translation>%1 はもうディレクトリにありません。</translation>
    </message>
    <message>
        <source>Wrote %1 (1 page).</source>
        <translation>%1 を書き出しました (1 ページ)。</translation>
    </message>
    <message>
        <source>Wrote %1 (%2 pages).</source>
        <translation>%1 を書き出しました (%2 ページ)。</translation>
    </message>
</context>
<context>
    <name>FindingsModel</name>
    <message>
        <source>error</source>
        <extracomment>Severity names as the window shows them (marked here for translation).</extracomment>
        <translation>エラー</translation>
    </message>
    <message>
        <source>warning</source>
        <translation>警告</translation>
    </message>
    <message>
        <source>note</source>
        <translation>注意</translation>
    </message>
</context>
<context>
    <name>FollowUpDialog</name>
    <message>
        <source>Follow-up</source>
        <extracomment>The code of the finding an overdue follow-up makes (:mod:`planner.feasibility.findings`). Agenda items a follow-up does not come from. The records a follow-up shows besides its own: a change to one is read again. The new follow-up&apos;s key, once added.</extracomment>
        <translation>フォローアップ</translation>
    </message>
    <message>
        <source>Add Follow-up</source>
        <translation>フォローアップの追加</translation>
    </message>
    <message>
        <source>Has a due day</source>
        <translation>期限あり</translation>
    </message>
    <message>
        <source>What is to be done, e.g. Send the pilot proposal</source>
        <translation>やるべきこと（例: 実証実験の提案書を送る）</translation>
    </message>
    <message>
        <source>Say what is to be done.</source>
        <translation>やるべきことを入力してください。</translation>
    </message>
    <message>
        <source>Add follow-up %1</source>
        <translation>フォローアップ「%1」を追加</translation>
    </message>
    <message>
        <source>Change follow-up %1</source>
        <translation>フォローアップ「%1」を変更</translation>
    </message>
</context>
<context>
    <name>FollowUps</name>
    <message>
        <source>Coordinator</source>
        <extracomment>The severity an overdue follow-up is shown with (the findings say it so too). What the coordinator is called as an owner.</extracomment>
        <translation>コーディネーター</translation>
    </message>
    <message>
        <source>open</source>
        <extracomment>Each status as the window says it.</extracomment>
        <translation>未完了</translation>
    </message>
    <message>
        <source>done</source>
        <translation>完了</translation>
    </message>
    <message>
        <source>dropped</source>
        <translation>取りやめ</translation>
    </message>
    <message>
        <source>overdue</source>
        <translation>期限超過</translation>
    </message>
    <message>
        <source>(none)</source>
        <extracomment>What a form&apos;s contact, meeting or goal box says when the follow-up names none.</extracomment>
        <translation>（なし）</translation>
    </message>
</context>
<context>
    <name>FollowUpsPanel</name>
    <message>
        <source>Reading the follow-ups</source>
        <translation>フォローアップを読み込み中</translation>
    </message>
    <message>
        <source>Everyone</source>
        <translation>全員</translation>
    </message>
    <message>
        <source>Every goal</source>
        <translation>すべての目標</translation>
    </message>
    <message>
        <source>%1 overdue</source>
        <translation>期限超過 %1 件</translation>
    </message>
    <message>
        <source>Mark %1 done</source>
        <translation>「%1」を完了にする</translation>
    </message>
    <message>
        <source>Mark %1 follow-ups done</source>
        <translation>フォローアップ %1 件を完了にする</translation>
    </message>
    <message>
        <source>Drop %1</source>
        <translation>「%1」を取りやめる</translation>
    </message>
    <message>
        <source>Drop %1 follow-ups</source>
        <translation>フォローアップ %1 件を取りやめる</translation>
    </message>
    <message>
        <source>Reopen %1</source>
        <translation>「%1」を再開する</translation>
    </message>
    <message>
        <source>Reopen %1 follow-ups</source>
        <translation>フォローアップ %1 件を再開する</translation>
    </message>
    <message>
        <source>Delete %1 follow-ups</source>
        <translation>フォローアップ %1 件を削除</translation>
    </message>
    <message>
        <source>&amp;Owner:</source>
        <translation>担当者(&amp;O):</translation>
    </message>
    <message>
        <source>&amp;Goal:</source>
        <translation>目標(&amp;G):</translation>
    </message>
    <message>
        <source>O&amp;verdue only</source>
        <translation>期限超過のみ(&amp;V)</translation>
    </message>
    <message>
        <source>Follow-ups</source>
        <translation>フォローアップ</translation>
    </message>
    <message>
        <source>Add follow-up…</source>
        <translation>フォローアップを追加…</translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation>編集…</translation>
    </message>
    <message>
        <source>Change the selected follow-up</source>
        <translation>選択したフォローアップを変更</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>完了</translation>
    </message>
    <message>
        <source>Mark the selected follow-ups done</source>
        <translation>選択したフォローアップを完了にする</translation>
    </message>
    <message>
        <source>Drop</source>
        <translation>取りやめ</translation>
    </message>
    <message>
        <source>Drop the selected follow-ups</source>
        <translation>選択したフォローアップを取りやめる</translation>
    </message>
    <message>
        <source>Reopen</source>
        <translation>再開</translation>
    </message>
    <message>
        <source>Open the selected follow-ups again</source>
        <translation>選択したフォローアップを再開する</translation>
    </message>
    <message>
        <source>Delete the selected follow-ups</source>
        <translation>選択したフォローアップを削除</translation>
    </message>
</context>
<context>
    <name>ImportContactsDialog</name>
    <message>
        <source>Import Contacts</source>
        <translation>連絡先の取り込み</translation>
    </message>
    <message>
        <source>File to import</source>
        <translation>取り込むファイル</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>参照…</translation>
    </message>
    <message>
        <source>Encoding</source>
        <translation>文字コード</translation>
    </message>
    <message>
        <source>Detect</source>
        <translation>自動判定</translation>
    </message>
    <message>
        <source>&amp;File:</source>
        <translation>ファイル(&amp;F):</translation>
    </message>
    <message>
        <source>&amp;Encoding:</source>
        <translation>文字コード(&amp;E):</translation>
    </message>
    <message>
        <source>Columns</source>
        <translation>列</translation>
    </message>
    <message>
        <source>Preview of the file</source>
        <translation>ファイルのプレビュー</translation>
    </message>
    <message>
        <source>What the import would do, row by row</source>
        <translation>行ごとの取り込み結果</translation>
    </message>
    <message>
        <source>&amp;Import</source>
        <translation>取り込む(&amp;I)</translation>
    </message>
    <message>
        <source>Directory files (*.csv *.txt *.xlsx *.vcf);;All files (*)</source>
        <translation>名簿ファイル (*.csv *.txt *.xlsx *.vcf);;すべてのファイル (*)</translation>
    </message>
    <message>
        <source>Reading %1…</source>
        <translation>%1 を読み込み中…</translation>
    </message>
    <message>
        <source>Reading %1</source>
        <translation>%1 を読み込み中</translation>
    </message>
    <message>
        <source>(not imported)</source>
        <translation>（取り込まない）</translation>
    </message>
    <message>
        <source>Field for column %1</source>
        <translation>列 %1 の項目</translation>
    </message>
    <message>
        <source>Checking…</source>
        <translation>確認中…</translation>
    </message>
    <message>
        <source>Checking %1</source>
        <translation>%1 を確認中</translation>
    </message>
    <message>
        <source>%1 new, %2 merged into existing organisations, %3 unchanged, %4 rejected</source>
        <translation>新規 %1 件、既存の組織に統合 %2 件、変更なし %3 件、除外 %4 件</translation>
    </message>
    <message>
        <source>Would add %1, merge %2 into existing organisations and leave %3 unchanged; rows that would not be imported: %4</source>
        <translation>取り込むと、新規 %1 件、既存の組織に統合 %2 件、変更なし %3 件になります。取り込まれない行: %4 件</translation>
    </message>
    <message>
        <source>Values that would be left out: %1 (marked in the preview).</source>
        <translation>取り込まれない値: %1 件（プレビューに印を付けています）。</translation>
    </message>
    <message>
        <source>Values left out: %1.</source>
        <translation>取り込まなかった値: %1 件。</translation>
    </message>
    <message>
        <source>Imported %1: %2</source>
        <translation>%1 を取り込みました: %2</translation>
    </message>
    <message>
        <source>Importing…</source>
        <translation>取り込み中…</translation>
    </message>
    <message>
        <source>Importing %1</source>
        <translation>%1 を取り込み中</translation>
    </message>
    <message>
        <source>Import %1</source>
        <translation>%1 の取り込み</translation>
    </message>
</context>
<context>
    <name>ImportNotesDialog</name>
    <message>
        <source>Import Notes Sheet</source>
        <extracomment>What the last reading of the file found (None before one). What the import did (None until it did).</extracomment>
        <translation>メモシートの取り込み</translation>
    </message>
    <message>
        <source>Notes sheet to import</source>
        <translation>取り込むメモシート</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>参照…</translation>
    </message>
    <message>
        <source>&amp;File:</source>
        <translation>ファイル(&amp;F):</translation>
    </message>
    <message>
        <source>What the import would do</source>
        <translation>取り込みの結果</translation>
    </message>
    <message>
        <source>Progress</source>
        <translation>進行状況</translation>
    </message>
    <message>
        <source>Sheet</source>
        <translation>シート</translation>
    </message>
    <message>
        <source>Row</source>
        <translation>行</translation>
    </message>
    <message>
        <source>Column</source>
        <translation>列</translation>
    </message>
    <message>
        <source>What</source>
        <translation>内容</translation>
    </message>
    <message>
        <source>What the import would do, row by row</source>
        <translation>行ごとの取り込み結果</translation>
    </message>
    <message>
        <source>&amp;Import</source>
        <translation>取り込む(&amp;I)</translation>
    </message>
    <message>
        <source>Excel workbooks (*.xlsx)</source>
        <translation>Excel ブック (*.xlsx)</translation>
    </message>
    <message>
        <source>Reading %1</source>
        <translation>%1 を読み込み中</translation>
    </message>
    <message>
        <source>Cancelled: nothing was read.</source>
        <translation>キャンセルしました: 何も読み込んでいません。</translation>
    </message>
    <message>
        <source>Reading %1…</source>
        <translation>%1 を読み込み中…</translation>
    </message>
    <message>
        <source>%1: nothing to import (%2 rows are in the tour already, %3 empty).</source>
        <translation>%1: 取り込む内容はありません (反映済みの行 %2 件、空の行 %3 件)。</translation>
    </message>
    <message>
        <source>Would add %1 and change %2 (%3 rows unchanged, %4 empty).</source>
        <translation>取り込むと、追加 %1 件、変更 %2 件になります (変更なしの行 %3 件、空の行 %4 件)。</translation>
    </message>
    <message>
        <source>Imported: %1 added, %2 changed.</source>
        <translation>取り込みました: 追加 %1 件、変更 %2 件。</translation>
    </message>
    <message>
        <source>%1 cannot be imported: %2</source>
        <translation>%1 は取り込めません: %2</translation>
    </message>
    <message>
        <source>Importing %1</source>
        <translation>%1 を取り込み中</translation>
    </message>
    <message>
        <source>Cancelled: nothing was imported.</source>
        <translation>キャンセルしました: 何も取り込んでいません。</translation>
    </message>
    <message>
        <source>Importing %1…</source>
        <translation>%1 を取り込み中…</translation>
    </message>
    <message>
        <source>Import notes %1</source>
        <translation>メモシート %1 の取り込み</translation>
    </message>
    <message>
        <source>Imported %1: %2 added, %3 changed.</source>
        <translation>%1 を取り込みました: 追加 %2 件、変更 %3 件。</translation>
    </message>
</context>
<context>
    <name>ItemDialog</name>
    <message>
        <source>Edit %1</source>
        <translation>%1 を編集</translation>
    </message>
    <message>
        <source>Fixed: planning never moves it</source>
        <translation>固定（自動計画で動かさない）</translation>
    </message>
    <message>
        <source>&amp;Host:</source>
        <translation>訪問先(&amp;H):</translation>
    </message>
    <message>
        <source>Length:</source>
        <translation>所要時間:</translation>
    </message>
    <message>
        <source>Stat&amp;us:</source>
        <translation>状況(&amp;U):</translation>
    </message>
    <message>
        <source>&amp;Booking reference:</source>
        <translation>予約番号(&amp;B):</translation>
    </message>
    <message>
        <source>Host &amp;contacts:</source>
        <translation>訪問先の担当者(&amp;C):</translation>
    </message>
    <message>
        <source>&amp;Attendees:</source>
        <translation>参加者(&amp;A):</translation>
    </message>
    <message>
        <source>&amp;Goals served:</source>
        <translation>対応する目標(&amp;G):</translation>
    </message>
    <message>
        <source>e.g. en, de, Japanese</source>
        <translation>例: en, de, 日本語</translation>
    </message>
    <message>
        <source>Interpreter booked</source>
        <translation>通訳手配済み</translation>
    </message>
    <message>
        <source>&amp;Title:</source>
        <translation>タイトル(&amp;T):</translation>
    </message>
    <message>
        <source>Meeting</source>
        <extracomment>Kinds that go from one place to another (a departure and an arrival place, maybe two zones). Item kinds as the editor names them.</extracomment>
        <translation>面談</translation>
    </message>
    <message>
        <source>Meal</source>
        <translation>食事</translation>
    </message>
    <message>
        <source>Train</source>
        <translation>列車</translation>
    </message>
    <message>
        <source>Flight</source>
        <translation>飛行機</translation>
    </message>
    <message>
        <source>Transfer</source>
        <translation>送迎</translation>
    </message>
    <message>
        <source>Free time</source>
        <translation>自由時間</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>その他</translation>
    </message>
    <message>
        <source>&amp;Details</source>
        <extracomment>A new item&apos;s length, unless it says otherwise (a meeting made for a host: MEETING_MINUTES). Every field the editor sets, in the order a new item gets them. Fields whose value is a set of keys (order does not make a change). A row&apos;s text folded as the planner matches names (what the completer matches against). where it is, whether exactly, and what it is: what a train&apos;s or flight&apos;s proposed length is found from (:func:`planner.journeys.proposed_ride`) Each open tour&apos;s catalogue (gone with the document). The item was saved (its UID), new or edited. The item&apos;s hosts (contact, name, role), kept even if they are not its host&apos;s A train&apos;s or flight&apos;s ride between its two places (None: no proposal); its end follows the ride until the user sets the end herself (an existing item&apos;s end is hers) Whether the travel model is being prepared on a worker (the first ride of a process)</extracomment>
        <translation>詳細(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;People and Goals</source>
        <translation>人と目標(&amp;P)</translation>
    </message>
    <message>
        <source>P&amp;reparation</source>
        <translation>準備(&amp;R)</translation>
    </message>
    <message>
        <source>New Agenda Item</source>
        <translation>新しい予定</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>（なし）</translation>
    </message>
    <message>
        <source>&amp;Kind:</source>
        <translation>種類(&amp;K):</translation>
    </message>
    <message>
        <source>&amp;Japanese title:</source>
        <translation>日本語タイトル(&amp;J):</translation>
    </message>
    <message>
        <source>Use</source>
        <translation>適用</translation>
    </message>
    <message>
        <source>Arrive at the proposed time</source>
        <translation>提案された到着時刻にします</translation>
    </message>
    <message>
        <source>Pro&amp;tocol notes:</source>
        <translation>儀礼メモ(&amp;T):</translation>
    </message>
    <message>
        <source>Learn&amp;ings (after the visit):</source>
        <translation>学び（訪問後）(&amp;I):</translation>
    </message>
    <message>
        <source>New…</source>
        <translation>新規…</translation>
    </message>
    <message>
        <source>Add a place: an airport code, a map link, coordinates or a city</source>
        <translation>場所を追加：空港コード、地図のリンク、座標、または都市名</translation>
    </message>
    <message>
        <source>Arri&amp;ves:</source>
        <translation>到着(&amp;V):</translation>
    </message>
    <message>
        <source>&amp;From:</source>
        <translation>出発地(&amp;F):</translation>
    </message>
    <message>
        <source>P&amp;lace:</source>
        <translation>場所(&amp;L):</translation>
    </message>
    <message>
        <source>T&amp;o:</source>
        <translation>到着地(&amp;O):</translation>
    </message>
    <message>
        <source>does not exist in %1 (the clocks go forward)</source>
        <translation>%1 に存在しない時刻です（夏時間で時計が進みます）</translation>
    </message>
    <message>
        <source>happens twice in %1 (the clocks go back)</source>
        <translation>%1 では2回ある時刻です（夏時間が終わり時計が戻ります）</translation>
    </message>
    <message>
        <source>The end comes before the start</source>
        <translation>終了が開始より前です</translation>
    </message>
    <message>
        <source>%1 across time zones (%2 %3 → %4 %5)</source>
        <translation>%1（タイムゾーンをまたぐ: %2 %3 → %4 %5）</translation>
    </message>
    <message>
        <source>(ends the next day)</source>
        <translation>（翌日に終了）</translation>
    </message>
    <message>
        <source>(ends %1 days later)</source>
        <translation>（%1 日後に終了）</translation>
    </message>
    <message>
        <source>Preparing the timetables</source>
        <translation>時刻表を準備中</translation>
    </message>
    <message>
        <source>Proposed: %1 · %2</source>
        <translation>提案: %1 · %2</translation>
    </message>
    <message>
        <source>Choose the host on the first page to see its contacts.</source>
        <translation>最初のページで訪問先を選ぶと、その担当者が表示されます。</translation>
    </message>
    <message>
        <source>This host has no contacts yet.</source>
        <translation>この訪問先にはまだ担当者がいません。</translation>
    </message>
    <message>
        <source>Delegation</source>
        <translation>視察団</translation>
    </message>
    <message>
        <source>Suggested: the host matches on %1</source>
        <translation>おすすめ: 訪問先のトピック %1 が一致します</translation>
    </message>
    <message>
        <source>The delegation has no learning goals yet.</source>
        <translation>視察団にはまだ学習目標がありません。</translation>
    </message>
    <message>
        <source>★ the goals this host serves, suggested first</source>
        <translation>★ この訪問先が対応する目標（先頭に表示）</translation>
    </message>
    <message>
        <source>This host matches none of the goals.</source>
        <translation>この訪問先に一致する目標はありません。</translation>
    </message>
    <message>
        <source>Everyone (%1)</source>
        <translation>全員 (%1)</translation>
    </message>
    <message>
        <source>Add %1</source>
        <translation>%1 を追加</translation>
    </message>
    <message>
        <source>&amp;Starts:</source>
        <translation>開始(&amp;S):</translation>
    </message>
    <message>
        <source>Dep&amp;arts:</source>
        <translation>出発(&amp;A):</translation>
    </message>
    <message>
        <source>&amp;Ends:</source>
        <translation>終了(&amp;E):</translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation>言語(&amp;L):</translation>
    </message>
    <message>
        <source>&amp;Questions (one per line):</source>
        <translation>質問（1 行に 1 つ）(&amp;Q):</translation>
    </message>
    <message>
        <source>&amp;Notes:</source>
        <translation>メモ(&amp;N):</translation>
    </message>
</context>
<context>
    <name>LetterTemplatesDialog</name>
    <message>
        <source>Letter Templates</source>
        <extracomment>What a read of one template gives: it, and the key of the tour&apos;s own (None: built in). The template as last read, and the key of the tour&apos;s own (None: built in).</extracomment>
        <translation>手紙のテンプレート</translation>
    </message>
    <message>
        <source>Request</source>
        <translation>依頼状</translation>
    </message>
    <message>
        <source>Reminder</source>
        <translation>催促状</translation>
    </message>
    <message>
        <source>Confirmation</source>
        <translation>確認状</translation>
    </message>
    <message>
        <source>English</source>
        <translation>英語</translation>
    </message>
    <message>
        <source>Japanese</source>
        <translation>日本語</translation>
    </message>
    <message>
        <source>Body</source>
        <translation>本文</translation>
    </message>
    <message>
        <source>&amp;Letter:</source>
        <translation>手紙(&amp;L):</translation>
    </message>
    <message>
        <source>&amp;Subject:</source>
        <translation>件名(&amp;S):</translation>
    </message>
    <message>
        <source>Placeholder</source>
        <translation>差し込み項目</translation>
    </message>
    <message>
        <source>Filled with</source>
        <translation>差し込まれる内容</translation>
    </message>
    <message>
        <source>The placeholders: double-click one to put it into the body</source>
        <translation>差し込み項目（ダブルクリックで本文に挿入）</translation>
    </message>
    <message>
        <source>Double-click a placeholder to put it into the body where the cursor is.</source>
        <translation>差し込み項目をダブルクリックすると、本文のカーソル位置に挿入されます。</translation>
    </message>
    <message>
        <source>Progress</source>
        <translation>進行状況</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>結果</translation>
    </message>
    <message>
        <source>C&amp;heck</source>
        <translation>確認(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;Reset to Built-in</source>
        <translation>標準のテンプレートに戻す(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>保存(&amp;S)</translation>
    </message>
    <message>
        <source>Reading the template</source>
        <translation>テンプレートを読み込み中</translation>
    </message>
    <message>
        <source>Reading the template…</source>
        <translation>テンプレートを読み込み中…</translation>
    </message>
    <message>
        <source>The tour&apos;s own template</source>
        <translation>この視察独自のテンプレート</translation>
    </message>
    <message>
        <source>Built in</source>
        <translation>標準のテンプレート</translation>
    </message>
    <message>
        <source>The template could not be read: %1</source>
        <translation>テンプレートを読み込めませんでした: %1</translation>
    </message>
    <message>
        <source>The template&apos;s placeholders are all known: letters can be written from it.</source>
        <translation>差し込み項目はすべて有効です。このテンプレートから手紙を作成できます。</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <source>Save letter template %1</source>
        <translation>手紙のテンプレート %1 を保存</translation>
    </message>
    <message>
        <source>Saved the %1 template: letters are written from it.</source>
        <translation>テンプレート %1 を保存しました。以後の手紙はこのテンプレートから作成されます。</translation>
    </message>
    <message>
        <source>letter template %1</source>
        <translation>手紙のテンプレート %1</translation>
    </message>
    <message>
        <source>The built-in template is used again.</source>
        <translation>標準のテンプレートに戻しました。</translation>
    </message>
</context>
<context>
    <name>LettersDialog</name>
    <message>
        <source>Folder for the letters</source>
        <extracomment>Reads the letters due (on a worker, in a session rolled back after). Writes the chosen hosts&apos; letters into a folder (on a worker): (session, folder) -&gt; files. The letters due (as last read), in the list&apos;s order. The files the last writing made.</extracomment>
        <translation>手紙の保存先フォルダー</translation>
    </message>
    <message>
        <source>&amp;Folder:</source>
        <translation>フォルダー(&amp;F):</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>参照…</translation>
    </message>
    <message>
        <source>The letter</source>
        <translation>手紙</translation>
    </message>
    <message>
        <source>Progress</source>
        <translation>進行状況</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>結果</translation>
    </message>
    <message>
        <source>&amp;Write Letters</source>
        <translation>手紙を作成(&amp;W)</translation>
    </message>
    <message>
        <source>&amp;Open Folder</source>
        <translation>フォルダーを開く(&amp;O)</translation>
    </message>
    <message>
        <source>Reading the letters</source>
        <translation>手紙の内容を読み込み中</translation>
    </message>
    <message>
        <source>Reading the letters…</source>
        <translation>手紙の内容を読み込み中…</translation>
    </message>
    <message>
        <source>The letters could not be read: %1</source>
        <translation>手紙の内容を読み込めませんでした: %1</translation>
    </message>
    <message>
        <source>Cancelled: no letter was read.</source>
        <translation>キャンセルしました: 手紙は読み込まれていません。</translation>
    </message>
    <message>
        <source>Choose the folder for the letters.</source>
        <translation>手紙の保存先フォルダーを選んでください。</translation>
    </message>
    <message>
        <source>Writing letters to %1</source>
        <translation>%1 に手紙を作成中</translation>
    </message>
    <message>
        <source>The letters had already been written to %1.</source>
        <translation>手紙は既に %1 に作成されていました。</translation>
    </message>
    <message>
        <source>Cancelled: no letter was written.</source>
        <translation>キャンセルしました: 手紙は作成されていません。</translation>
    </message>
    <message>
        <source>Writing letters to %1…</source>
        <translation>%1 に手紙を作成中…</translation>
    </message>
    <message>
        <source>Wrote %1 files to %2.</source>
        <translation>%2 にファイルを %1 件作成しました。</translation>
    </message>
    <message>
        <source>Nothing was written.</source>
        <translation>何も作成されていません。</translation>
    </message>
    <message>
        <source>The letters could not be written: %1</source>
        <translation>手紙を作成できませんでした: %1</translation>
    </message>
    <message>
        <source>%1 already holds letters for these hosts. Replace them?</source>
        <translation>%1 には既にこれらの訪問先への手紙があります。置き換えますか？</translation>
    </message>
</context>
<context>
    <name>LocationField</name>
    <message>
        <source>typed coordinates</source>
        <extracomment>The end of a message that lists what was meant (&quot;...; did you mean Copenhagen, DK?&quot;). How the field says a place was found (by the lookup&apos;s ``Located.source``).</extracomment>
        <translation>入力した座標</translation>
    </message>
    <message>
        <source>from a map link</source>
        <translation>地図リンクから</translation>
    </message>
    <message>
        <source>airport</source>
        <translation>空港</translation>
    </message>
    <message>
        <source>station</source>
        <translation>駅</translation>
    </message>
    <message>
        <source>ferry port</source>
        <translation>フェリーターミナル</translation>
    </message>
    <message>
        <source>picked on the map</source>
        <translation>地図上で選択</translation>
    </message>
    <message>
        <source>approximate: the centre of %1</source>
        <translation>概算：%1の中心</translation>
    </message>
    <message>
        <source>approximate (the centre of the city)</source>
        <translation>概算（都市の中心）</translation>
    </message>
    <message>
        <source>Coordinates, a map link, an airport code or a city</source>
        <extracomment>A place was found (a :class:`~planner.geo.locate.Located`). A text gave no place (the message shown).</extracomment>
        <translation>座標、地図リンク、空港コード、または都市名</translation>
    </message>
    <message>
        <source>Location</source>
        <translation>所在地</translation>
    </message>
    <message>
        <source>Type or paste: 55.6759, 12.5655 · a link from OpenStreetMap, Google Maps or Apple Maps · geo:55.6759,12.5655 · an airport code such as CPH · a city such as Copenhagen (then only its centre is known). Enter finds it.</source>
        <translation>入力または貼り付け：55.6759, 12.5655 · OpenStreetMap・Google マップ・Apple マップのリンク · geo:55.6759,12.5655 · CPH などの空港コード · Copenhagen などの都市名（その場合は中心のみ）。Enter で検索します。</translation>
    </message>
    <message>
        <source>Find</source>
        <translation>検索</translation>
    </message>
    <message>
        <source>Find the place typed in the box (Enter)</source>
        <translation>入力した場所を検索（Enter）</translation>
    </message>
    <message>
        <source>Pick on Map</source>
        <translation>地図で指定</translation>
    </message>
    <message>
        <source>Click the place on the route map</source>
        <translation>ルート地図上で場所をクリックします</translation>
    </message>
    <message>
        <source>Did you mean:</source>
        <translation>もしかして：</translation>
    </message>
    <message>
        <source>Looking up…</source>
        <translation>検索中…</translation>
    </message>
    <message>
        <source>Looking up… (the first search prepares the offline place index; this takes a few seconds)</source>
        <translation>検索中…（初回はオフラインの地名索引を準備するため、数秒かかります）</translation>
    </message>
    <message>
        <source>Click the place on the map; Esc cancels.</source>
        <translation>地図上で場所をクリックしてください。Esc で取り消します。</translation>
    </message>
    <message>
        <source>Type coordinates, paste a map link, or type an airport code or a city.</source>
        <translation>座標を入力するか、地図リンクを貼り付けるか、空港コードまたは都市名を入力してください。</translation>
    </message>
    <message>
        <source>Finding %1</source>
        <translation>%1 を検索中</translation>
    </message>
    <message>
        <source>Finding the point picked on the map</source>
        <translation>地図で指定した地点を検索中</translation>
    </message>
    <message>
        <source>Look up %1</source>
        <translation>%1 を検索</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>&amp;File</source>
        <extracomment>How often, at most, the window asks whether a backup is due (seconds). How often the window asks whether another program changed the open tour (milliseconds). The first-start layout: the directory&apos;s width and the findings&apos; height (pixels). A tour was opened and is shown (its location). The findings panel shows the current findings. The tour&apos;s size and current revision: a widget of its own, so the status bar&apos;s passing messages never hide it for good. Closed: a tour still being read when the window closed is not shown (it would start the window polling the file again behind a closed window). Closed with every worker ended and the tour&apos;s store closed (see closeEvent).</extracomment>
        <translation>ファイル(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>編集(&amp;E)</translation>
    </message>
    <message>
        <source>A&amp;genda</source>
        <translation>日程(&amp;G)</translation>
    </message>
    <message>
        <source>&amp;Add Item…</source>
        <translation>予定を追加(&amp;A)…</translation>
    </message>
    <message>
        <source>&amp;Edit Item…</source>
        <translation>予定を編集(&amp;E)…</translation>
    </message>
    <message>
        <source>&amp;Duplicate Item</source>
        <translation>予定を複製(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>表示(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Tour</source>
        <translation>ツアー(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Import Contacts…</source>
        <translation>連絡先を取り込む(&amp;I)…</translation>
    </message>
    <message>
        <source>&amp;Plan Automatically…</source>
        <translation>自動で計画する(&amp;P)…</translation>
    </message>
    <message>
        <source>&amp;Travel Settings…</source>
        <translation>移動の設定(&amp;T)…</translation>
    </message>
    <message>
        <source>Add &amp;Place…</source>
        <translation>場所を追加(&amp;P)…</translation>
    </message>
    <message>
        <source>Add &amp;Hotel Night…</source>
        <translation>宿泊を追加(&amp;H)…</translation>
    </message>
    <message>
        <source>Hotels</source>
        <translation>宿泊</translation>
    </message>
    <message>
        <source>Places</source>
        <translation>場所</translation>
    </message>
    <message>
        <source>P&amp;roperties…</source>
        <translation>ツアーのプロパティ(&amp;R)…</translation>
    </message>
    <message>
        <source>Export &amp;Calendar…</source>
        <translation>カレンダーを書き出す(&amp;C)…</translation>
    </message>
    <message>
        <source>Export &amp;PDF…</source>
        <translation>PDF を書き出す(&amp;P)…</translation>
    </message>
    <message>
        <source>P&amp;ublish to Calendar Server…</source>
        <translation>カレンダーサーバーに公開(&amp;U)…</translation>
    </message>
    <message>
        <source>&amp;Export Notes Sheet…</source>
        <translation>メモシートを書き出す(&amp;E)…</translation>
    </message>
    <message>
        <source>&amp;Import Notes Sheet…</source>
        <translation>メモシートを取り込む(&amp;I)…</translation>
    </message>
    <message>
        <source>Export &amp;Follow-ups…</source>
        <translation>フォローアップを書き出す(&amp;F)…</translation>
    </message>
    <message>
        <source>Write &amp;Thank-you Letters…</source>
        <translation>お礼状を作成(&amp;T)…</translation>
    </message>
    <message>
        <source>Write &amp;Host Letters…</source>
        <translation>訪問先への手紙を作成(&amp;H)…</translation>
    </message>
    <message>
        <source>Offered &amp;Slots…</source>
        <translation>提示された時間帯を反映(&amp;S)…</translation>
    </message>
    <message>
        <source>Letter &amp;Templates…</source>
        <translation>手紙のテンプレート(&amp;T)…</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>ヘルプ(&amp;H)</translation>
    </message>
    <message>
        <source>Open &amp;Recent</source>
        <translation>最近使ったツアー(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>言語(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;New Tour…</source>
        <translation>新しいツアー(&amp;N)…</translation>
    </message>
    <message>
        <source>&amp;Open Tour…</source>
        <translation>ツアーを開く(&amp;O)…</translation>
    </message>
    <message>
        <source>Save &amp;As…</source>
        <translation>名前を付けて保存(&amp;A)…</translation>
    </message>
    <message>
        <source>Restore from &amp;Backup…</source>
        <translation>バックアップから復元(&amp;B)…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>終了(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Delete</source>
        <translation>削除(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;Find…</source>
        <translation>検索(&amp;F)…</translation>
    </message>
    <message>
        <source>Check the Whole Tour Again</source>
        <translation>ツアー全体を再チェック</translation>
    </message>
    <message>
        <source>&amp;About Ecovisit</source>
        <translation>Ecovisit について(&amp;A)</translation>
    </message>
    <message>
        <source>About &amp;Qt</source>
        <translation>Qt について(&amp;Q)</translation>
    </message>
    <message>
        <source>System Language</source>
        <translation>システムの言語</translation>
    </message>
    <message>
        <source>Directory</source>
        <translation>名簿</translation>
    </message>
    <message>
        <source>Delegation and Goals</source>
        <translation>視察団と目標</translation>
    </message>
    <message>
        <source>Findings</source>
        <translation>チェック結果</translation>
    </message>
    <message>
        <source>Coverage</source>
        <translation>目標の達成状況</translation>
    </message>
    <message>
        <source>Map</source>
        <translation>地図</translation>
    </message>
    <message>
        <source>Organisations</source>
        <translation>組織</translation>
    </message>
    <message>
        <source>Contacts</source>
        <translation>連絡先</translation>
    </message>
    <message>
        <source>Agenda</source>
        <translation>日程</translation>
    </message>
    <message>
        <source>Timeline</source>
        <translation>タイムライン</translation>
    </message>
    <message>
        <source>Debrief</source>
        <translation>振り返り</translation>
    </message>
    <message>
        <source>&amp;Undo %1</source>
        <translation>元に戻す: %1(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>元に戻す(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Redo %1</source>
        <translation>やり直す: %1(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>やり直す(&amp;R)</translation>
    </message>
    <message>
        <source>Opening %1</source>
        <translation>%1 を開いています</translation>
    </message>
    <message>
        <source>The tour cannot be opened</source>
        <translation>ツアーを開けません</translation>
    </message>
    <message>
        <source>Preparing the map</source>
        <translation>地図を準備中</translation>
    </message>
    <message>
        <source>The change was not made</source>
        <translation>変更できませんでした</translation>
    </message>
    <message>
        <source>%1 was written by an older Ecovisit (schema %2) and was upgraded; the file as it was is kept as %3.</source>
        <translation>%1 は古い Ecovisit（スキーマ %2）で作成されたため更新しました。更新前のファイルは %3 として保存されています。</translation>
    </message>
    <message>
        <source>Backing up %1</source>
        <translation>%1 をバックアップ中</translation>
    </message>
    <message>
        <source>Restored the backup of %1 (revision %2); the tour as it was is kept among its backups. The undo history was cleared.</source>
        <translation>%1 のバックアップ（リビジョン %2）を復元しました。復元前のツアーはバックアップとして保存されています。元に戻す履歴は消去されました。</translation>
    </message>
    <message>
        <source>The backup was not restored</source>
        <translation>バックアップは復元されませんでした</translation>
    </message>
    <message>
        <source>Restoring a backup of %1</source>
        <translation>%1 のバックアップを復元中</translation>
    </message>
    <message>
        <source>Rescued into %1</source>
        <translation>%1 に救出しました</translation>
    </message>
    <message>
        <source>Rescuing %1</source>
        <translation>%1 を救出中</translation>
    </message>
    <message>
        <source>The tour could not be rescued</source>
        <translation>ツアーを救出できませんでした</translation>
    </message>
    <message>
        <source>[read-only]</source>
        <translation>[読み取り専用]</translation>
    </message>
    <message>
        <source>Checking…</source>
        <translation>チェック中…</translation>
    </message>
    <message>
        <source>Not checked (F5 checks the tour)</source>
        <translation>未チェック（F5 でツアーをチェック）</translation>
    </message>
    <message>
        <source>No findings</source>
        <translation>指摘なし</translation>
    </message>
    <message>
        <source>1 error</source>
        <translation>エラー 1 件</translation>
    </message>
    <message>
        <source>%1 errors</source>
        <translation>エラー %1 件</translation>
    </message>
    <message>
        <source>1 finding</source>
        <translation>指摘 1 件</translation>
    </message>
    <message>
        <source>%1 findings</source>
        <translation>指摘 %1 件</translation>
    </message>
    <message>
        <source>Open Tour</source>
        <translation>ツアーを開く</translation>
    </message>
    <message>
        <source>Ecovisit tours (%1)</source>
        <translation>Ecovisit ツアー (%1)</translation>
    </message>
    <message>
        <source>Save As</source>
        <translation>名前を付けて保存</translation>
    </message>
    <message>
        <source>Only tour files can be saved under another name; this tour is in a database.</source>
        <translation>別名で保存できるのはツアーファイルだけです。このツアーはデータベースにあります。</translation>
    </message>
    <message>
        <source>Save Tour As</source>
        <translation>ツアーに名前を付けて保存</translation>
    </message>
    <message>
        <source>The tour is being copied to %1; try again in a moment.</source>
        <translation>ツアーを %1 にコピーしています。少し待ってからもう一度お試しください。</translation>
    </message>
    <message>
        <source>Saving a copy as %1</source>
        <translation>%1 としてコピーを保存中</translation>
    </message>
    <message>
        <source>The copy was not saved</source>
        <translation>コピーを保存できませんでした</translation>
    </message>
    <message>
        <source>%1 over %2 · revision %3</source>
        <translation>%2で %1 · 改訂 %3</translation>
    </message>
    <message numerus="yes">
        <source>%n items</source>
        <translation>
            <numerusform>%n 項目</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n days</source>
        <translation>
            <numerusform>%n 日間</numerusform>
        </translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>（なし）</translation>
    </message>
    <message numerus="yes">
        <source>Delete %n items</source>
        <translation>
            <numerusform>%n 項目を削除</numerusform>
        </translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation>編集…</translation>
    </message>
    <message>
        <source>Duplicate</source>
        <translation>複製</translation>
    </message>
    <message>
        <source>Show in Timeline</source>
        <translation>タイムラインで表示</translation>
    </message>
    <message>
        <source>Add item on %1…</source>
        <translation>%1 に予定を追加…</translation>
    </message>
    <message numerus="yes">
        <source>Duplicate %n items</source>
        <translation>
            <numerusform>%n 件の予定を複製</numerusform>
        </translation>
    </message>
    <message>
        <source>Add contact</source>
        <translation>連絡先を追加</translation>
    </message>
    <message>
        <source>Choose the contact&apos;s organisation in the Organisations list first.</source>
        <translation>先に「組織」の一覧で連絡先の組織を選んでください。</translation>
    </message>
    <message>
        <source>Goal for the whole delegation</source>
        <translation>視察団全体の目標</translation>
    </message>
    <message>
        <source>Goal for %1</source>
        <translation>%1 の目標</translation>
    </message>
    <message>
        <source>About Ecovisit</source>
        <translation>Ecovisit について</translation>
    </message>
    <message>
        <source>Ecovisit plans ecosystem-visit study tours: contacts, meetings, travel, and what the delegation wants to learn.</source>
        <translation>Ecovisit はエコシステム視察ツアーを計画します。連絡先、面談、移動、そして視察団が学びたいこと。</translation>
    </message>
</context>
<context>
    <name>NewTourDialog</name>
    <message>
        <source>New Tour</source>
        <translation>新しいツアー</translation>
    </message>
    <message>
        <source>Where the delegation comes from. Type any part of a name, e.g. Stockholm.</source>
        <translation>視察団の出発地です。名前の一部を入力できます（例: Tokyo、Stockholm）。</translation>
    </message>
    <message>
        <source>What the delegation should come home with (it can also be written later, in Tour &gt; Properties).</source>
        <translation>視察団が持ち帰るべきもの（後から「ツアー &gt; ツアーのプロパティ」でも書けます）。</translation>
    </message>
    <message>
        <source>Browse…</source>
        <extracomment>The file name follows the title while it is the one suggested.</extracomment>
        <translation>参照…</translation>
    </message>
    <message>
        <source>&amp;Title:</source>
        <translation>タイトル(&amp;T):</translation>
    </message>
    <message>
        <source>&amp;Japanese title:</source>
        <translation>日本語タイトル(&amp;J):</translation>
    </message>
    <message>
        <source>&amp;First day:</source>
        <translation>初日(&amp;F):</translation>
    </message>
    <message>
        <source>&amp;Last day:</source>
        <translation>最終日(&amp;L):</translation>
    </message>
    <message>
        <source>&amp;Home time zone:</source>
        <translation>出発地のタイムゾーン(&amp;H):</translation>
    </message>
    <message>
        <source>&amp;Vision:</source>
        <translation>ビジョン(&amp;V):</translation>
    </message>
    <message>
        <source>Japanese v&amp;ision:</source>
        <translation>日本語のビジョン(&amp;I):</translation>
    </message>
    <message>
        <source>Tour fil&amp;e:</source>
        <translation>ツアーファイル(&amp;E):</translation>
    </message>
    <message>
        <source>Tour file</source>
        <translation>ツアーファイル</translation>
    </message>
    <message>
        <source>New Tour File</source>
        <translation>新しいツアーファイル</translation>
    </message>
    <message>
        <source>Ecovisit tours (*%1)</source>
        <translation>Ecovisit ツアー (*%1)</translation>
    </message>
    <message>
        <source>A tour file name ends in %1.</source>
        <translation>ツアーファイル名は %1 で終わります。</translation>
    </message>
</context>
<context>
    <name>OfferSlotsDialog</name>
    <message>
        <source>Offered Slots</source>
        <extracomment>How long typing pauses before the preview is worked out again (ms). The last dry run&apos;s result (None while there is none, or the text is refused). Why the last text was refused (&quot;&quot; when it was read). What Apply did (None until it did).</extracomment>
        <translation>提示された時間帯</translation>
    </message>
    <message>
        <source>Host</source>
        <translation>訪問先</translation>
    </message>
    <message>
        <source>The slots the host offers</source>
        <translation>訪問先が提示した時間帯</translation>
    </message>
    <message>
        <source>Paste the host&apos;s reply, e.g. “Tue 14:00–16:00, Wed morning”</source>
        <translation>訪問先からの返信を貼り付けてください（例:「6月9日(水) 14:00〜16:00、木曜 午前」）</translation>
    </message>
    <message>
        <source>Calendar file of offered slots</source>
        <translation>提示された時間帯のカレンダーファイル</translation>
    </message>
    <message>
        <source>(optional) an .ics file the host sent</source>
        <translation>（任意）訪問先から届いた .ics ファイル</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>参照…</translation>
    </message>
    <message>
        <source>&amp;Host:</source>
        <translation>訪問先(&amp;H):</translation>
    </message>
    <message>
        <source>&amp;Offered slots:</source>
        <translation>提示された時間帯(&amp;O):</translation>
    </message>
    <message>
        <source>&amp;Calendar file:</source>
        <translation>カレンダーファイル(&amp;C):</translation>
    </message>
    <message>
        <source>What applying the offer would do</source>
        <translation>反映した場合の変更内容</translation>
    </message>
    <message>
        <source>Progress</source>
        <translation>進行状況</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>結果</translation>
    </message>
    <message>
        <source>&amp;Apply</source>
        <translation>反映(&amp;A)</translation>
    </message>
    <message>
        <source>If applied:</source>
        <translation>反映すると:</translation>
    </message>
    <message>
        <source>Reading the hosts</source>
        <translation>訪問先を読み込み中</translation>
    </message>
    <message>
        <source>Reading the hosts…</source>
        <translation>訪問先を読み込み中…</translation>
    </message>
    <message>
        <source>The tour has no organisation yet.</source>
        <translation>この視察にはまだ組織がありません。</translation>
    </message>
    <message>
        <source>iCalendar files (*.ics)</source>
        <translation>iCalendar ファイル (*.ics)</translation>
    </message>
    <message>
        <source>Reading the offered slots</source>
        <translation>提示された時間帯を読み取り中</translation>
    </message>
    <message>
        <source>Reading the offered slots…</source>
        <translation>提示された時間帯を読み取り中…</translation>
    </message>
    <message>
        <source>Offered slots of %1</source>
        <translation>%1 が提示した時間帯</translation>
    </message>
    <message>
        <source>The offer could not be applied: %1</source>
        <translation>提示された時間帯を反映できませんでした: %1</translation>
    </message>
    <message>
        <source>Cancelled: nothing was changed.</source>
        <translation>キャンセルしました: 何も変更されていません。</translation>
    </message>
    <message>
        <source>Applying the slots %1 offers…</source>
        <translation>%1 が提示した時間帯を反映中…</translation>
    </message>
    <message>
        <source>Applied: %1</source>
        <translation>反映しました: %1</translation>
    </message>
</context>
<context>
    <name>OperationIndicator</name>
    <message>
        <source>Cancel</source>
        <extracomment>A progress bar&apos;s range while the work says how far it is (fine enough for any bar&apos;s width). Every pool an :class:`Operations` made, kept until the process ends. A ``QThreadPool``&apos;s destructor waits for its running workers while the interpreter lock is held, and a worker needs that lock to end: a window deleted while its work ran (a dialog&apos;s check started as it closed) hung the program for good. Idle pools cost nothing (their threads expire). An operation started (the Operation). An operation ended, whichever way (the Operation). (operation, done, total, text) from a running operation. No operation is running any more.</extracomment>
        <translation>キャンセル</translation>
    </message>
    <message>
        <source>Cancel the running task</source>
        <translation>実行中の処理をキャンセル</translation>
    </message>
    <message>
        <source>Progress of the running task</source>
        <translation>実行中の処理の進み具合</translation>
    </message>
    <message numerus="yes">
        <source> (+%n more)</source>
        <translation>
            <numerusform>（ほか %n 件）</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>OrganisationPlace</name>
    <message>
        <source>Office</source>
        <extracomment>The place&apos;s fields this section edits, in order.</extracomment>
        <translation>オフィス</translation>
    </message>
    <message>
        <source>Address:</source>
        <translation>住所:</translation>
    </message>
    <message>
        <source>City:</source>
        <translation>都市:</translation>
    </message>
    <message>
        <source>Country:</source>
        <translation>国:</translation>
    </message>
    <message>
        <source>Location:</source>
        <translation>所在地:</translation>
    </message>
    <message>
        <source>DK or Denmark</source>
        <translation>DK または Denmark</translation>
    </message>
    <message>
        <source>No office yet: find where it is (a map link, coordinates or the city); the address and city above are saved with it.</source>
        <translation>オフィスはまだありません：所在地（地図リンク、座標、または都市名）を指定してください。上の住所と都市も一緒に保存されます。</translation>
    </message>
    <message>
        <source>Move %1</source>
        <translation>%1 を移動</translation>
    </message>
    <message>
        <source>Set the office of %1</source>
        <translation>%1 のオフィスを設定</translation>
    </message>
</context>
<context>
    <name>Outreach</name>
    <message>
        <source>Waiting</source>
        <extracomment>The severity a due reminder is shown with (the findings say it so too). The filter&apos;s &quot;every state&quot;. Column titles that are not a host request&apos;s fields.</extracomment>
        <translation>返信待ち（営業日）</translation>
    </message>
    <message>
        <source>Next step</source>
        <translation>次の対応</translation>
    </message>
    <message>
        <source>Host</source>
        <translation>訪問先</translation>
    </message>
</context>
<context>
    <name>OutreachPanel</name>
    <message>
        <source>Reading the outreach</source>
        <extracomment>The directory&apos;s chosen organisation&apos;s key, asked when Ask a host… opens.</extracomment>
        <translation>訪問依頼を読み込み中</translation>
    </message>
    <message>
        <source>Every state</source>
        <translation>すべての状況</translation>
    </message>
    <message>
        <source>%1 %2</source>
        <translation>%2 %1件</translation>
    </message>
    <message>
        <source>(%1 reminder due)</source>
        <translation>（うち催促期限 %1件）</translation>
    </message>
    <message>
        <source>Mark request to %1 sent</source>
        <translation>%1への依頼状を送付済みにする</translation>
    </message>
    <message>
        <source>Mark %1 requests sent</source>
        <translation>%1件の依頼状を送付済みにする</translation>
    </message>
    <message>
        <source>Reminder sent to %1</source>
        <translation>%1に催促状を送付</translation>
    </message>
    <message>
        <source>Reminders sent to %1 hosts</source>
        <translation>%1件の訪問先に催促状を送付</translation>
    </message>
    <message>
        <source>Mark %1 replied</source>
        <translation>%1を返信ありにする</translation>
    </message>
    <message>
        <source>Mark %1 hosts replied</source>
        <translation>%1件の訪問先を返信ありにする</translation>
    </message>
    <message>
        <source>Mark %1 confirmed</source>
        <translation>%1を確定にする</translation>
    </message>
    <message>
        <source>Mark %1 hosts confirmed</source>
        <translation>%1件の訪問先を確定にする</translation>
    </message>
    <message>
        <source>Confirmation sent to %1</source>
        <translation>%1に確認状を送付</translation>
    </message>
    <message>
        <source>Confirmations sent to %1 hosts</source>
        <translation>%1件の訪問先に確認状を送付</translation>
    </message>
    <message>
        <source>Mark %1 declined</source>
        <translation>%1を辞退にする</translation>
    </message>
    <message>
        <source>Mark %1 hosts declined</source>
        <translation>%1件の訪問先を辞退にする</translation>
    </message>
    <message>
        <source>Mark %1 no answer</source>
        <translation>%1を返信なしにする</translation>
    </message>
    <message>
        <source>Mark %1 hosts no answer</source>
        <translation>%1件の訪問先を返信なしにする</translation>
    </message>
    <message>
        <source>Delete %1 requests</source>
        <translation>%1件の依頼を削除</translation>
    </message>
    <message>
        <source>request to %1</source>
        <translation>%1への依頼</translation>
    </message>
    <message>
        <source>&amp;State:</source>
        <translation>状況(&amp;S):</translation>
    </message>
    <message>
        <source>Outreach</source>
        <translation>訪問依頼</translation>
    </message>
    <message>
        <source>Ask a Host…</source>
        <translation>訪問先に依頼…</translation>
    </message>
    <message>
        <source>Start a request to a host not yet asked</source>
        <translation>まだ依頼していない訪問先への依頼を作成します</translation>
    </message>
    <message>
        <source>Mark Sent</source>
        <translation>送付済みにする</translation>
    </message>
    <message>
        <source>The request went today: waiting for the answer</source>
        <translation>本日依頼状を送付しました（返信待ち）</translation>
    </message>
    <message>
        <source>Reminder Sent</source>
        <translation>催促状送付済み</translation>
    </message>
    <message>
        <source>A reminder went today</source>
        <translation>本日催促状を送付しました</translation>
    </message>
    <message>
        <source>Mark Replied</source>
        <translation>返信ありにする</translation>
    </message>
    <message>
        <source>The host answered today, nothing agreed yet</source>
        <translation>本日訪問先から返信がありました（まだ確定していません）</translation>
    </message>
    <message>
        <source>Confirmed</source>
        <translation>確定</translation>
    </message>
    <message>
        <source>The host agreed a time: the meeting is confirmed</source>
        <translation>訪問先が日時に同意しました。面談を確定にします</translation>
    </message>
    <message>
        <source>Confirmation Sent</source>
        <translation>確認状送付済み</translation>
    </message>
    <message>
        <source>The confirmation letter went today</source>
        <translation>本日確認状を送付しました</translation>
    </message>
    <message>
        <source>Declined…</source>
        <translation>辞退…</translation>
    </message>
    <message>
        <source>The host said no: its meeting is cancelled, with the reason</source>
        <translation>訪問先が辞退しました。理由を記録し、面談を中止にします</translation>
    </message>
    <message>
        <source>No Answer</source>
        <translation>返信なし</translation>
    </message>
    <message>
        <source>Stop waiting for the answer</source>
        <translation>返信を待つのをやめます</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>削除</translation>
    </message>
    <message>
        <source>Delete the selected requests</source>
        <translation>選択した依頼を削除します</translation>
    </message>
</context>
<context>
    <name>PlaceDialog</name>
    <message>
        <source>Add Place</source>
        <translation>場所を追加</translation>
    </message>
    <message>
        <source>New Hotel</source>
        <translation>新しいホテル</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>名前(&amp;N):</translation>
    </message>
    <message>
        <source>&amp;Kind:</source>
        <translation>種類(&amp;K):</translation>
    </message>
    <message>
        <source>&amp;Location:</source>
        <translation>所在地(&amp;L):</translation>
    </message>
    <message>
        <source>&amp;Address:</source>
        <translation>住所(&amp;A):</translation>
    </message>
    <message>
        <source>Hotel d&apos;Angleterre</source>
        <translation>Hotel d&apos;Angleterre</translation>
    </message>
    <message>
        <source>Street and number (for the book and the calendars)</source>
        <translation>番地（資料とカレンダー用）</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>追加</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>OK</translation>
    </message>
    <message>
        <source>Add %1</source>
        <translation>%1 を追加</translation>
    </message>
</context>
<context>
    <name>PlaceLocation</name>
    <message>
        <source>Move the place: type or paste where it is, or pick it on the map (the time zone follows).</source>
        <translation>場所の移動：所在地を入力・貼り付けするか、地図で指定します（タイムゾーンも追従します）。</translation>
    </message>
    <message>
        <source>Approximate: only the centre of the city is known, so travel times get a safety margin. Find the exact place below.</source>
        <translation>概算：都市の中心しか分からないため、移動時間に余裕を加えています。下で正確な場所を指定してください。</translation>
    </message>
    <message>
        <source>Move %1</source>
        <translation>%1 を移動</translation>
    </message>
</context>
<context>
    <name>Places</name>
    <message>
        <source>Hotel</source>
        <extracomment>What each kind of place is called (the words of the place dialog, ui/panels/places.py).</extracomment>
        <translation>ホテル</translation>
    </message>
    <message>
        <source>Venue</source>
        <translation>会場</translation>
    </message>
    <message>
        <source>Office</source>
        <translation>オフィス</translation>
    </message>
    <message>
        <source>Restaurant</source>
        <translation>レストラン</translation>
    </message>
    <message>
        <source>Station</source>
        <translation>駅</translation>
    </message>
    <message>
        <source>Airport</source>
        <translation>空港</translation>
    </message>
    <message>
        <source>Ferry port</source>
        <translation>フェリーターミナル</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>その他</translation>
    </message>
</context>
<context>
    <name>PlacesPanel</name>
    <message>
        <source>Filter places…</source>
        <extracomment>A place was added through the panel (its key).</extracomment>
        <translation>場所を絞り込み…</translation>
    </message>
    <message>
        <source>Add place…</source>
        <translation>場所を追加…</translation>
    </message>
    <message>
        <source>Delete place</source>
        <translation>場所を削除</translation>
    </message>
    <message>
        <source>New place</source>
        <translation>新しい場所</translation>
    </message>
    <message>
        <source>Places</source>
        <translation>場所</translation>
    </message>
</context>
<context>
    <name>PlanningDialog</name>
    <message>
        <source>Plan the Tour</source>
        <translation>ツアーを計画</translation>
    </message>
    <message>
        <source> s</source>
        <translation> 秒</translation>
    </message>
    <message>
        <source>Search time</source>
        <translation>探索時間</translation>
    </message>
    <message>
        <source> min</source>
        <translation> 分</translation>
    </message>
    <message>
        <source>Length of a new meeting</source>
        <translation>新しい面談の長さ</translation>
    </message>
    <message>
        <source>&amp;Search for:</source>
        <extracomment>For tests and benchmarks: stop after this many iterations (None: by time).</extracomment>
        <translation>探索時間(&amp;S):</translation>
    </message>
    <message>
        <source>&amp;New meetings last:</source>
        <translation>新しい面談の長さ(&amp;N):</translation>
    </message>
    <message>
        <source>Planning keeps fixed items and meetings that work, repairs meetings in trouble and fills free time with hosts that serve the delegation&apos;s goals.</source>
        <translation>自動計画は固定の項目と問題のない面談をそのまま残し、問題のある面談を直し、空き時間を視察団の目標に合う訪問先で埋めます。</translation>
    </message>
    <message>
        <source>&amp;Start</source>
        <translation>開始(&amp;S)</translation>
    </message>
    <message>
        <source>S&amp;top and Review</source>
        <translation>止めて確認(&amp;T)</translation>
    </message>
    <message>
        <source>Search progress</source>
        <translation>探索の進み具合</translation>
    </message>
    <message>
        <source>Proposed changes</source>
        <translation>提案された変更</translation>
    </message>
    <message>
        <source>&amp;Apply Plan</source>
        <translation>計画を適用(&amp;A)</translation>
    </message>
    <message>
        <source>Left out:</source>
        <translation>外した訪問先:</translation>
    </message>
    <message>
        <source>Searching…</source>
        <translation>探索中…</translation>
    </message>
    <message>
        <source>Planning the tour</source>
        <translation>ツアーを計画中</translation>
    </message>
    <message>
        <source>Days and hosts left out, and why</source>
        <translation>計画から外した日と訪問先、その理由</translation>
    </message>
    <message>
        <source>Adds %1, moves %2, drops %3 meetings. Goals covered: %4 → %5. Errors afterwards: %6.</source>
        <translation>面談を %1 件追加、%2 件移動、%3 件削除します。目標の達成率: %4 → %5。適用後のエラー: %6 件。</translation>
    </message>
    <message>
        <source>Goals covered by traveller: %1</source>
        <translation>参加者ごとの目標の達成率: %1</translation>
    </message>
    <message>
        <source>Cancelled: nothing was changed.</source>
        <translation>キャンセルしました。何も変更していません。</translation>
    </message>
    <message>
        <source>Applying…</source>
        <translation>適用中…</translation>
    </message>
    <message>
        <source>Applying the plan</source>
        <translation>計画を適用中</translation>
    </message>
    <message>
        <source>Plan the tour automatically</source>
        <translation>ツアーの自動計画</translation>
    </message>
</context>
<context>
    <name>PreviewModel</name>
    <message>
        <source>Would not be imported:</source>
        <extracomment>The report box shows at least this many lines without scrolling.</extracomment>
        <translation>取り込まれません:</translation>
    </message>
    <message>
        <source>Imported without this value:</source>
        <translation>この値を除いて取り込みます:</translation>
    </message>
    <message>
        <source>Imported without some values:</source>
        <translation>一部の値を除いて取り込みます:</translation>
    </message>
</context>
<context>
    <name>PublishDialog</name>
    <message>
        <source>Publish to a Calendar Server</source>
        <extracomment>The last successful publish&apos;s report.</extracomment>
        <translation>カレンダーサーバーへの公開</translation>
    </message>
    <message>
        <source>The calendar will hold exactly the tour&apos;s items: new ones are created, changed ones updated, and cancelled, deleted or left-out ones removed; events you made yourself stay. The tour itself is not changed.</source>
        <translation>カレンダーには視察の項目がそのまま反映されます。新しい項目は作成され、変更された項目は更新され、キャンセル・削除・除外された項目は削除されます。ご自身で作成した予定はそのまま残ります。視察そのものは変更されません。</translation>
    </message>
    <message>
        <source>Empty: the server asks for no sign-in</source>
        <translation>空欄: サインイン不要のサーバー</translation>
    </message>
    <message>
        <source>Empty: the one in the system keyring</source>
        <translation>空欄: システムのキーリングにあるパスワード</translation>
    </message>
    <message>
        <source>Remember the password in the system keyring</source>
        <translation>パスワードをシステムのキーリングに保存する</translation>
    </message>
    <message>
        <source> min before</source>
        <translation> 分前</translation>
    </message>
    <message>
        <source>No reminder</source>
        <translation>通知なし</translation>
    </message>
    <message>
        <source>Include the hosts&apos; phone numbers</source>
        <translation>訪問先の電話番号を含める</translation>
    </message>
    <message>
        <source>Include the idea items</source>
        <translation>案の段階の項目を含める</translation>
    </message>
    <message>
        <source>Items still at the idea stage are left out of calendars unless this is checked (and removed from the calendar if they were published before); requested items are always in, as tentative.</source>
        <translation>案の段階の項目は、ここにチェックを入れない限りカレンダーに含まれません(以前に公開した場合はカレンダーから削除されます)。依頼中の項目は常に仮の予定として含まれます。</translation>
    </message>
    <message>
        <source>Calendar &amp;URL:</source>
        <translation>カレンダーの &amp;URL:</translation>
    </message>
    <message>
        <source>User &amp;name:</source>
        <translation>ユーザー名(&amp;N):</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>パスワード(&amp;P):</translation>
    </message>
    <message>
        <source>&amp;Traveller:</source>
        <translation>参加者(&amp;T):</translation>
    </message>
    <message>
        <source>&amp;Reminder:</source>
        <translation>通知(&amp;R):</translation>
    </message>
    <message>
        <source>Publishing progress</source>
        <translation>公開の進行状況</translation>
    </message>
    <message>
        <source>Outcome of publishing</source>
        <translation>公開の結果</translation>
    </message>
    <message>
        <source>Events created, updated and removed</source>
        <translation>作成・更新・削除された予定</translation>
    </message>
    <message>
        <source>&amp;Publish</source>
        <translation>公開(&amp;P)</translation>
    </message>
    <message>
        <source>The calendar URL starts with https:// (or http://).</source>
        <translation>カレンダーの URL は https:// (または http://) で始まります。</translation>
    </message>
    <message>
        <source>Publishing to %1…</source>
        <translation>%1 に公開中…</translation>
    </message>
    <message>
        <source>No password for %1 at %2 in the system keyring: type it in the Password field.</source>
        <translation>システムのキーリングに %2 の %1 のパスワードがありません。パスワード欄に入力してください。</translation>
    </message>
    <message>
        <source>Publishing the calendar</source>
        <translation>カレンダーを公開中</translation>
    </message>
    <message>
        <source>Published to %1:
%2 created, %3 updated, %4 removed, %5 unchanged.</source>
        <translation>%1 に公開しました:
作成 %2 件、更新 %3 件、削除 %4 件、変更なし %5 件。</translation>
    </message>
    <message>
        <source>But %1.</source>
        <translation>ただし、%1。</translation>
    </message>
    <message>
        <source>created</source>
        <translation>作成</translation>
    </message>
    <message>
        <source>updated</source>
        <translation>更新</translation>
    </message>
    <message>
        <source>removed</source>
        <translation>削除</translation>
    </message>
    <message>
        <source>not published (an idea)</source>
        <translation>未公開(案)</translation>
    </message>
    <message>
        <source>left alone (another tour&apos;s)</source>
        <translation>そのまま(別の視察のもの)</translation>
    </message>
    <message>
        <source>Publishing failed: %1</source>
        <translation>公開できませんでした: %1</translation>
    </message>
    <message>
        <source>Cancelled before anything was published.</source>
        <translation>公開前にキャンセルしました。</translation>
    </message>
</context>
<context>
    <name>RecordBrowser</name>
    <message>
        <source>Filter organisations…</source>
        <extracomment>Records another column refers to, as (name, key) (a goal&apos;s owner: the travellers). The records each reference field offers, set by :meth:`RecordBrowser.set_choices`. The current record changed (the record, or None when there is none).</extracomment>
        <translation>組織を絞り込む…</translation>
    </message>
    <message>
        <source>Add organisation</source>
        <translation>組織を追加</translation>
    </message>
    <message>
        <source>Delete organisation</source>
        <translation>組織を削除</translation>
    </message>
    <message>
        <source>New organisation</source>
        <translation>新しい組織</translation>
    </message>
    <message>
        <source>Organisations</source>
        <translation>組織</translation>
    </message>
    <message>
        <source>Filter contacts…</source>
        <translation>連絡先を絞り込む…</translation>
    </message>
    <message>
        <source>Add contact</source>
        <translation>連絡先を追加</translation>
    </message>
    <message>
        <source>Delete contact</source>
        <translation>連絡先を削除</translation>
    </message>
    <message>
        <source>New contact</source>
        <translation>新しい連絡先</translation>
    </message>
    <message>
        <source>Contacts</source>
        <translation>連絡先</translation>
    </message>
    <message>
        <source>Filter the delegation…</source>
        <translation>視察団を絞り込む…</translation>
    </message>
    <message>
        <source>Add traveller</source>
        <translation>参加者を追加</translation>
    </message>
    <message>
        <source>Delete traveller</source>
        <translation>参加者を削除</translation>
    </message>
    <message>
        <source>New traveller</source>
        <translation>新しい参加者</translation>
    </message>
    <message>
        <source>Travellers</source>
        <translation>参加者</translation>
    </message>
    <message>
        <source>Filter goals…</source>
        <translation>目標を絞り込む…</translation>
    </message>
    <message>
        <source>Add learning goal</source>
        <translation>学習目標を追加</translation>
    </message>
    <message>
        <source>Delete learning goal</source>
        <translation>学習目標を削除</translation>
    </message>
    <message>
        <source>New learning goal</source>
        <translation>新しい学習目標</translation>
    </message>
    <message>
        <source>Learning goals</source>
        <translation>学習目標</translation>
    </message>
    <message numerus="yes">
        <source>Delete %n records</source>
        <translation>
            <numerusform>%n 件を削除</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>RepairOffer</name>
    <message>
        <source>Looking for backups of %1</source>
        <translation>%1 のバックアップを探しています</translation>
    </message>
    <message>
        <source>%1 is damaged: parts of it cannot be read, so it is not opened.</source>
        <translation>%1 は破損しています。一部を読み取れないため、開きません。</translation>
    </message>
    <message>
        <source>The tour is damaged</source>
        <translation>ツアーが破損しています</translation>
    </message>
    <message>
        <source>Its newest good backup is from %1 (revision %2, %3 agenda items). Restore it (the damaged file is kept among the backups), or rescue what can still be read into a new file.</source>
        <translation>最新の正常なバックアップは %1 のものです（リビジョン %2、予定 %3 件）。これを復元するか（破損したファイルはバックアップとして保存されます）、読み取れる内容を新しいファイルに救出してください。</translation>
    </message>
    <message>
        <source>Restore Backup</source>
        <translation>バックアップを復元</translation>
    </message>
    <message>
        <source>No backup of it was found. Rescue what can still be read into a new file.</source>
        <translation>バックアップが見つかりませんでした。読み取れる内容を新しいファイルに救出してください。</translation>
    </message>
    <message>
        <source>Rescue…</source>
        <translation>救出…</translation>
    </message>
    <message>
        <source>Rescue into</source>
        <translation>救出先</translation>
    </message>
    <message>
        <source>Ecovisit tours (%1)</source>
        <translation>Ecovisit ツアー (%1)</translation>
    </message>
</context>
<context>
    <name>RestoreDialog</name>
    <message>
        <source>Restore from Backup</source>
        <extracomment>The user chose a backup to restore (the window does it: close, restore, open).</extracomment>
        <translation>バックアップから復元</translation>
    </message>
    <message>
        <source>Taken</source>
        <translation>作成日時</translation>
    </message>
    <message>
        <source>Revision</source>
        <translation>リビジョン</translation>
    </message>
    <message>
        <source>Agenda items</source>
        <translation>予定</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状態</translation>
    </message>
    <message>
        <source>Restore</source>
        <translation>復元</translation>
    </message>
    <message>
        <source>Only tour files have backups; this tour is in a database, which its server backs up.</source>
        <translation>バックアップがあるのはツアーファイルだけです。このツアーはデータベースにあり、サーバー側でバックアップされます。</translation>
    </message>
    <message>
        <source>Backups of %1, newest first: one a day of editing for a week, then one a week for eight weeks. Restoring one replaces the tour; the tour as it is now is kept among the backups, and the undo history is cleared.</source>
        <translation>%1 のバックアップ（新しい順）: 編集した日ごとに 1 つを 1 週間、その後は週ごとに 1 つを 8 週間保存します。復元するとツアーが置き換わります。現在のツアーはバックアップとして保存され、元に戻す履歴は消去されます。</translation>
    </message>
    <message>
        <source>Reading the backups…</source>
        <translation>バックアップを読み込み中…</translation>
    </message>
    <message>
        <source>Reading the backups of %1</source>
        <translation>%1 のバックアップを読み込み中</translation>
    </message>
    <message>
        <source>good</source>
        <translation>正常</translation>
    </message>
    <message>
        <source>damaged</source>
        <translation>破損</translation>
    </message>
    <message>
        <source>the tour a restore replaced</source>
        <translation>復元で置き換えられたツアー</translation>
    </message>
    <message>
        <source>No backups yet: the first is taken after the first edit of the day.</source>
        <translation>バックアップはまだありません。その日最初の編集の後に作成されます。</translation>
    </message>
    <message>
        <source>The backups could not be read: %1</source>
        <translation>バックアップを読み込めませんでした: %1</translation>
    </message>
</context>
<context>
    <name>RouteMapView</name>
    <message>
        <source>Reading the route</source>
        <extracomment>One zoom step (a wheel notch, a key press, a button click). Pixels per map degree: the whole world in 360 pixels ... a street. The route&apos;s place names are written from this scale on (about 200 m a pixel in central Europe: a region), the directory&apos;s offices from the next (about 6 m a pixel: a district); the mouse names any place. How near (pixels) a click or the mouse must be to a place to mean it. Leg colours by mode (legible on the light and the dark map), and their dash patterns. The places off the route (the directory&apos;s offices, other days&apos; stops): small circles. The day&apos;s stops, numbered in visiting order; stops that would cover each other at this scale share one marker (&quot;3–5&quot;). A place was clicked (its id, or -1 for the empty map), with the keyboard modifiers. The map moved, zoomed or shows something else. In pick mode: a point of the map was clicked (latitude, longitude). In pick mode: Esc was pressed. The tooltip of a place (rich text, every name escaped); set by the panel. The user zoomed or panned this tour&apos;s map: a read landing later keeps the view. The next click gives a point (:attr:`point_picked`) instead of choosing a place. Where a name may go around its point: right, left, above, below, then the diagonals. The map shows the tour as it is now (after opening it or after an edit).</extracomment>
        <translation>ルートを読み込み中</translation>
    </message>
    <message>
        <source>Whole tour</source>
        <translation>ツアー全体</translation>
    </message>
    <message>
        <source>Office</source>
        <translation>オフィス</translation>
    </message>
    <message>
        <source>Hotel</source>
        <translation>ホテル</translation>
    </message>
    <message>
        <source>Restaurant</source>
        <translation>レストラン</translation>
    </message>
    <message>
        <source>Station</source>
        <translation>駅</translation>
    </message>
    <message>
        <source>Airport</source>
        <translation>空港</translation>
    </message>
    <message>
        <source>Ferry port</source>
        <translation>フェリーターミナル</translation>
    </message>
    <message>
        <source>Venue</source>
        <translation>会場</translation>
    </message>
    <message>
        <source>Place</source>
        <translation>場所</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>中止</translation>
    </message>
    <message>
        <source>… and %1 more</source>
        <translation>…ほか %1 件</translation>
    </message>
    <message>
        <source>&amp;Day:</source>
        <translation>日(&amp;D):</translation>
    </message>
    <message>
        <source>Zoom In</source>
        <translation>拡大</translation>
    </message>
    <message>
        <source>Zoom in (mouse wheel, +)</source>
        <translation>拡大（マウスホイール、+）</translation>
    </message>
    <message>
        <source>Zoom Out</source>
        <translation>縮小</translation>
    </message>
    <message>
        <source>Zoom out (mouse wheel, -)</source>
        <translation>縮小（マウスホイール、-）</translation>
    </message>
    <message>
        <source>Fit</source>
        <translation>全体表示</translation>
    </message>
    <message>
        <source>Show the whole route (or the whole day)</source>
        <translation>ルート全体（またはその日の全体）を表示</translation>
    </message>
    <message>
        <source>Flight</source>
        <translation>飛行機</translation>
    </message>
    <message>
        <source>Train</source>
        <translation>鉄道</translation>
    </message>
    <message>
        <source>Ground</source>
        <translation>陸路</translation>
    </message>
    <message>
        <source>No places yet: hotels, venues and offices appear here once they are added</source>
        <translation>場所はまだありません。ホテル・会場・オフィスを追加するとここに表示されます</translation>
    </message>
    <message>
        <source>Click the place on the map; Esc cancels. Zoom with the mouse wheel and drag to move the map first if needed.</source>
        <translation>地図上で場所をクリックしてください。Esc で取り消します。必要ならマウスホイールで拡大し、ドラッグで地図を動かしてください。</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>キャンセル</translation>
    </message>
    <message>
        <source>Route map</source>
        <translation>ルートマップ</translation>
    </message>
    <message>
        <source>Day shown on the map</source>
        <translation>地図に表示する日</translation>
    </message>
</context>
<context>
    <name>SlotDialog</name>
    <message>
        <source>Change Slot</source>
        <extracomment>How many matching days the weekly dialog names before &quot;…&quot;.</extracomment>
        <translation>時間帯の変更</translation>
    </message>
    <message>
        <source>Add Slot</source>
        <translation>時間帯の追加</translation>
    </message>
    <message>
        <source>%1 can receive the delegation on:</source>
        <translation>%1 が視察団を受け入れられる日時:</translation>
    </message>
    <message>
        <source>e.g. lab tour possible, ask for Dr Lund</source>
        <translation>例: ラボ見学可、Lund 博士に連絡</translation>
    </message>
    <message>
        <source>&amp;Day:</source>
        <translation>日付(&amp;D):</translation>
    </message>
    <message>
        <source>&amp;From – to:</source>
        <translation>時刻(&amp;F):</translation>
    </message>
    <message>
        <source>&amp;Note:</source>
        <translation>メモ(&amp;N):</translation>
    </message>
    <message>
        <source>Day</source>
        <translation>日付</translation>
    </message>
    <message>
        <source>From</source>
        <translation>開始</translation>
    </message>
    <message>
        <source>To</source>
        <translation>終了</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>メモ</translation>
    </message>
    <message>
        <source>The slot must end after it starts.</source>
        <translation>終了は開始より後にしてください。</translation>
    </message>
    <message>
        <source>Add a slot to %1</source>
        <translation>%1 に時間帯を追加</translation>
    </message>
    <message>
        <source>Change a slot of %1</source>
        <translation>%1 の時間帯を変更</translation>
    </message>
</context>
<context>
    <name>SplitDayMenu</name>
    <message>
        <source>Delegation May Split This Day</source>
        <extracomment>The choices, in the menu&apos;s order: the tour&apos;s setting (no override), may split, together.</extracomment>
        <translation>この日は視察団の別行動可</translation>
    </message>
    <message>
        <source>As the Tour Setting (May Split)</source>
        <translation>ツアーの設定どおり (別行動可)</translation>
    </message>
    <message>
        <source>As the Tour Setting (Together)</source>
        <translation>ツアーの設定どおり (全員一緒)</translation>
    </message>
    <message>
        <source>May Split</source>
        <translation>別行動可</translation>
    </message>
    <message>
        <source>Stay Together</source>
        <translation>全員一緒に行動</translation>
    </message>
    <message>
        <source>Whether planning may split the delegation into groups on this day when travellers&apos; goals differ</source>
        <translation>参加者の目標が異なるとき、この日は視察団をグループに分けて計画してよいかどうか</translation>
    </message>
    <message>
        <source>Let the delegation split on %1</source>
        <translation>%1 は視察団の別行動可に</translation>
    </message>
    <message>
        <source>Keep the delegation together on %1</source>
        <translation>%1 は視察団全員一緒に</translation>
    </message>
    <message>
        <source>Delegation on %1 as the tour setting</source>
        <translation>%1 の視察団の行動をツアーの設定どおりに</translation>
    </message>
</context>
<context>
    <name>StayDialog</name>
    <message>
        <source>Hotel Night</source>
        <extracomment>A hotel to add with the stay (the values of &quot;New hotel…&quot;).</extracomment>
        <translation>宿泊</translation>
    </message>
    <message>
        <source>Add Hotel Night</source>
        <translation>宿泊を追加</translation>
    </message>
    <message>
        <source>&amp;Hotel:</source>
        <translation>ホテル(&amp;H):</translation>
    </message>
    <message>
        <source>&amp;Nights:</source>
        <translation>宿泊日(&amp;N):</translation>
    </message>
    <message>
        <source>&amp;Booking reference:</source>
        <translation>予約番号(&amp;B):</translation>
    </message>
    <message>
        <source>N&amp;otes:</source>
        <translation>メモ(&amp;O):</translation>
    </message>
    <message>
        <source>to</source>
        <translation>〜</translation>
    </message>
    <message>
        <source>Check-in: the first night</source>
        <translation>チェックイン：最初の夜</translation>
    </message>
    <message>
        <source>Check-out: the morning they leave</source>
        <translation>チェックアウト：出発する朝</translation>
    </message>
    <message>
        <source>Check-in</source>
        <translation>チェックイン</translation>
    </message>
    <message>
        <source>Check-out</source>
        <translation>チェックアウト</translation>
    </message>
    <message>
        <source>No hotel yet: add one with New hotel…</source>
        <translation>ホテルがまだありません：「新しいホテル…」で追加してください</translation>
    </message>
    <message>
        <source>New hotel…</source>
        <translation>新しいホテル…</translation>
    </message>
    <message>
        <source>%1 (new)</source>
        <translation>%1（新規）</translation>
    </message>
    <message>
        <source>Choose the hotel.</source>
        <translation>ホテルを選んでください。</translation>
    </message>
    <message>
        <source>The check-out must come after the check-in.</source>
        <translation>チェックアウトはチェックインより後にしてください。</translation>
    </message>
    <message>
        <source>Change the nights at %1</source>
        <translation>%1 の宿泊を変更</translation>
    </message>
    <message>
        <source>Add nights at %1</source>
        <translation>%1 の宿泊を追加</translation>
    </message>
</context>
<context>
    <name>StaysPanel</name>
    <message>
        <source>1 night</source>
        <extracomment>Where a row keeps its stay&apos;s key, or the night of a gap (its ordinal).</extracomment>
        <translation>1泊</translation>
    </message>
    <message>
        <source>%1 nights</source>
        <translation>%1泊</translation>
    </message>
    <message>
        <source>%1: no hotel</source>
        <extracomment>The list shows the tour&apos;s stays as they are now. Something changed while the list was not to be seen (read when it is).</extracomment>
        <translation>%1：宿泊先なし</translation>
    </message>
    <message>
        <source>Double-click to add the hotel of this night</source>
        <translation>ダブルクリックでこの夜のホテルを追加</translation>
    </message>
    <message>
        <source>%1: two hotels (%2)</source>
        <translation>%1：ホテルが重複（%2）</translation>
    </message>
    <message>
        <source>A one-day tour: no nights.</source>
        <translation>日帰りの視察：宿泊はありません。</translation>
    </message>
    <message>
        <source>Every night of the tour has a hotel.</source>
        <translation>すべての夜に宿泊先があります。</translation>
    </message>
    <message>
        <source>Nights without a hotel: %1 of %2.</source>
        <translation>宿泊先のない夜：%2泊中%1泊</translation>
    </message>
    <message numerus="yes">
        <source>Delete %n hotel stays</source>
        <translation>
            <numerusform>宿泊 %n 件を削除</numerusform>
        </translation>
    </message>
    <message>
        <source>Hotel</source>
        <translation>ホテル</translation>
    </message>
    <message>
        <source>City</source>
        <translation>都市</translation>
    </message>
    <message>
        <source>Check-in</source>
        <translation>チェックイン</translation>
    </message>
    <message>
        <source>Check-out</source>
        <translation>チェックアウト</translation>
    </message>
    <message>
        <source>Nights</source>
        <translation>泊数</translation>
    </message>
    <message>
        <source>Booking reference</source>
        <translation>予約番号</translation>
    </message>
    <message>
        <source>Hotel nights</source>
        <translation>宿泊</translation>
    </message>
    <message>
        <source>Add hotel night…</source>
        <translation>宿泊を追加…</translation>
    </message>
    <message>
        <source>Add hotel night</source>
        <translation>宿泊を追加</translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation>編集…</translation>
    </message>
    <message>
        <source>Change the selected stay</source>
        <translation>選択した宿泊を変更</translation>
    </message>
    <message>
        <source>Delete the selected stays</source>
        <translation>選択した宿泊を削除</translation>
    </message>
    <message>
        <source>Delete hotel stay</source>
        <translation>宿泊を削除</translation>
    </message>
</context>
<context>
    <name>TimelineCanvas</name>
    <message>
        <source>walk</source>
        <extracomment>The MIME type of an organisation dragged out of the directory: its key, as text. Block colours by kind, readable on light and dark palettes (text colour chosen per fill).</extracomment>
        <translation>徒歩</translation>
    </message>
    <message>
        <source>taxi</source>
        <translation>タクシー</translation>
    </message>
    <message>
        <source>transit</source>
        <translation>公共交通</translation>
    </message>
    <message>
        <source>train</source>
        <translation>列車</translation>
    </message>
    <message>
        <source>ferry</source>
        <translation>フェリー</translation>
    </message>
    <message>
        <source>flight</source>
        <translation>飛行機</translation>
    </message>
    <message>
        <source>No day to show</source>
        <extracomment>(uid, new start, new end, whether only one edge moved) an item was double-clicked the user clicked items (their UIDs) a double-click on an empty slot: (its time, snapped; the track&apos;s row) a context menu: (the item&apos;s UID or &quot;&quot;, the slot&apos;s time or None, track row, where) an organisation dropped: (its key, the drop time, snapped) Where the last paint drew each locked block&apos;s padlock (by UID). Where it drew the warning triangle of each block with an error (by UID).</extracomment>
        <translation>表示する日がありません</translation>
    </message>
    <message>
        <source>Delegation</source>
        <translation>視察団</translation>
    </message>
    <message>
        <source>free %1</source>
        <translation>空き %1</translation>
    </message>
    <message>
        <source>Fixed: planning never moves it</source>
        <translation>固定（自動計画で動かさない）</translation>
    </message>
</context>
<context>
    <name>TimelineView</name>
    <message>
        <source>Times in %1 (%2)</source>
        <translation>時刻は %1 (%2)</translation>
    </message>
    <message>
        <source>the day crosses time zones: %1</source>
        <translation>この日はタイムゾーンをまたぎます: %1</translation>
    </message>
    <message>
        <source>Previous day</source>
        <translation>前の日</translation>
    </message>
    <message>
        <source>Next day</source>
        <translation>次の日</translation>
    </message>
    <message>
        <source>Day</source>
        <translation>日</translation>
    </message>
    <message>
        <source>Timeline of the day</source>
        <translation>その日のタイムライン</translation>
    </message>
    <message>
        <source>Add meeting with %1</source>
        <translation>%1 との面談を追加</translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation>編集…</translation>
    </message>
    <message>
        <source>Duplicate</source>
        <translation>複製</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>削除</translation>
    </message>
    <message>
        <source>Add item at %1…</source>
        <translation>%1 に予定を追加…</translation>
    </message>
</context>
<context>
    <name>TourDocument</name>
    <message>
        <source>Checking the tour</source>
        <extracomment>The kinds the document announces after edits (records_changed), every kind people edit. The kinds read when a tour opens: those a model shows from the open (the window&apos;s record lists, the agenda). The Hotels list reads its stays itself when it is seen; a host&apos;s slots come with its organisation (and its meetings); nothing shows them from the open. A print of every record, to find what another program changes (:mod:`ui.outside`). (kind, primary keys) of records added, changed or gone after a committed edit. The findings were recomputed (all, or the days an edit touched). The tour&apos;s own fields (title, dates) changed. An edit was refused or failed; the text is for the user. Another program changed the tour; it is shown as it is now (the text says so, and how many undo steps can no longer be undone). Why the tour cannot be changed just now (e.g. being copied by Save As), or &quot;&quot;. The tour as the checks and the timeline see it, kept current after every edit. Why nothing may be changed (a read-only file or folder), or &quot;&quot; when it may. What the last edit of this window changed (the undo command keeps it).</extracomment>
        <translation>ツアーをチェック中</translation>
    </message>
    <message>
        <source>The tour could not be checked: %1</source>
        <translation>ツアーをチェックできませんでした: %1</translation>
    </message>
    <message>
        <source>%1 is read-only: you may not change the file or its folder. It is open for reading; to edit it, save a copy (File &gt; Save As…) in a folder you can write to.</source>
        <translation>%1 は読み取り専用です。このファイルまたはフォルダーを変更する権限がありません。閲覧用に開いています。編集するには、書き込めるフォルダーにコピーを保存してください（ファイル &gt; 名前を付けて保存…）。</translation>
    </message>
    <message>
        <source>%1 is open for reading only; nothing can be changed.</source>
        <translation>%1 は閲覧専用で開いています。変更はできません。</translation>
    </message>
    <message>
        <source>The tour changed by another program could not be read again: %1</source>
        <translation>他のプログラムが変更したツアーを読み直せませんでした: %1</translation>
    </message>
    <message>
        <source>Reading what another program changed</source>
        <translation>他のプログラムによる変更を読み込み中</translation>
    </message>
    <message>
        <source>The tour was changed by another program and is shown as it is now.</source>
        <translation>ツアーが他のプログラムによって変更されました。現在の内容を表示しています。</translation>
    </message>
    <message>
        <source>1 undo step touching what it changed can no longer be undone.</source>
        <translation>変更された内容に関わる元に戻す操作 1 件は、もう元に戻せません。</translation>
    </message>
    <message>
        <source>%1 undo steps touching what it changed can no longer be undone.</source>
        <translation>変更された内容に関わる元に戻す操作 %1 件は、もう元に戻せません。</translation>
    </message>
</context>
<context>
    <name>TourPropertiesDialog</name>
    <message>
        <source>Tour Properties</source>
        <extracomment>The zone most tours start from (the delegations come from Japan), offered first.</extracomment>
        <translation>ツアーのプロパティ</translation>
    </message>
    <message>
        <source>e.g. +81 90 1234 5678</source>
        <translation>例: +81 90 1234 5678</translation>
    </message>
    <message>
        <source>name@example.com</source>
        <translation>name@example.com</translation>
    </message>
    <message>
        <source>Tour</source>
        <extracomment>Which widget edits which tour field (a refused field gets the focus).</extracomment>
        <translation>ツアー</translation>
    </message>
    <message>
        <source>&amp;Title:</source>
        <translation>タイトル(&amp;T):</translation>
    </message>
    <message>
        <source>&amp;Japanese title:</source>
        <translation>日本語タイトル(&amp;J):</translation>
    </message>
    <message>
        <source>&amp;Dates:</source>
        <translation>期間(&amp;D):</translation>
    </message>
    <message>
        <source>&amp;Home time zone:</source>
        <translation>出発地のタイムゾーン(&amp;H):</translation>
    </message>
    <message>
        <source>&amp;Working day:</source>
        <translation>活動時間(&amp;W):</translation>
    </message>
    <message>
        <source>Last day</source>
        <translation>最終日</translation>
    </message>
    <message>
        <source>First day</source>
        <translation>初日</translation>
    </message>
    <message>
        <source>Working day start</source>
        <translation>活動開始時刻</translation>
    </message>
    <message>
        <source>Working day end</source>
        <translation>活動終了時刻</translation>
    </message>
    <message>
        <source>Where the delegation comes from: travel to and from home and the home calendars use it. Type any part of a name, e.g. Stockholm.</source>
        <translation>視察団の出発地です。往復の移動と出発地のカレンダーに使われます。名前の一部を入力できます（例: Tokyo、Stockholm）。</translation>
    </message>
    <message>
        <source>Meetings outside these hours are reported by the checker, and planning keeps within them.</source>
        <translation>この時間外の面談はチェックで指摘され、自動計画はこの時間内で組みます。</translation>
    </message>
    <message>
        <source>Vision</source>
        <translation>ビジョン</translation>
    </message>
    <message>
        <source>What the delegation should come home with; printed in the briefing book.</source>
        <translation>視察団が持ち帰るべきもの。ブリーフィングブックに印刷されます。</translation>
    </message>
    <message>
        <source>After the tour: where the delegation now sees the company going; printed in the debrief beside the vision it started with.</source>
        <translation>視察後に視察団が描く会社の方向性。振り返りレポートに、視察前のビジョンと並べて印刷されます。</translation>
    </message>
    <message>
        <source>&amp;Vision:</source>
        <translation>ビジョン(&amp;V):</translation>
    </message>
    <message>
        <source>Vision &amp;after the tour:</source>
        <translation>視察後のビジョン(&amp;A):</translation>
    </message>
    <message>
        <source>Japanese v&amp;ision:</source>
        <translation>日本語のビジョン(&amp;I):</translation>
    </message>
    <message>
        <source>Coordinator</source>
        <translation>コーディネーター</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>氏名(&amp;N):</translation>
    </message>
    <message>
        <source>&amp;Phone:</source>
        <translation>電話(&amp;P):</translation>
    </message>
    <message>
        <source>&amp;E-mail:</source>
        <translation>メール(&amp;E):</translation>
    </message>
    <message>
        <source>Japanese vision a&amp;fter the tour:</source>
        <translation>視察後の日本語ビジョン(&amp;F):</translation>
    </message>
    <message>
        <source>One agenda item falls outside these dates. It stays in the agenda, and the findings list it until it is moved or the dates include it again.</source>
        <translation>1 件の予定がこの期間から外れます。予定は削除されず日程に残り、移動するか期間に含めるまでチェック結果に表示されます。</translation>
    </message>
    <message>
        <source>%1 agenda items fall outside these dates. They stay in the agenda, and the findings list them until they are moved or the dates include them again.</source>
        <translation>%1 件の予定がこの期間から外れます。予定は削除されず日程に残り、移動するか期間に含めるまでチェック結果に表示されます。</translation>
    </message>
    <message>
        <source>Change tour properties</source>
        <translation>ツアーのプロパティを変更</translation>
    </message>
</context>
<context>
    <name>TravelSettingsDialog</name>
    <message>
        <source>Travel Settings</source>
        <extracomment>The planner&apos;s units (TravelSettings.ranges), shown translated. The groups of the form, in reading order, and their fields. Which groups stack in which column. Settings edited by a check box (its text is its label). The days&apos; own choices on splitting (``split_days``, from a day&apos;s menu) have no editor: they are kept as the tour has them.</extracomment>
        <translation>移動の設定</translation>
    </message>
    <message>
        <source>How long travel takes, door to door, and what a day may hold. Estimates must never be optimistic. Values in bold differ from the defaults.</source>
        <translation>移動にかかる時間 (出発地から目的地まで) と、1 日に入れられる予定の設定です。見積もりは決して楽観的であってはなりません。太字の値は既定値と異なります。</translation>
    </message>
    <message>
        <source>Put every default into the form (applied with OK); the days&apos; own choices on splitting the delegation are kept</source>
        <translation>すべての値を既定値に戻します (OK で適用)。視察団を分けるかどうかの日ごとの指定は残ります</translation>
    </message>
    <message>
        <source>Walking</source>
        <translation>徒歩</translation>
    </message>
    <message>
        <source>In the city</source>
        <translation>市内</translation>
    </message>
    <message>
        <source>Ferry</source>
        <translation>フェリー</translation>
    </message>
    <message>
        <source>Rail</source>
        <translation>鉄道</translation>
    </message>
    <message>
        <source>Flight</source>
        <translation>飛行機</translation>
    </message>
    <message>
        <source>Day rules</source>
        <translation>1 日のルール</translation>
    </message>
    <message>
        <source>Planning</source>
        <translation>計画</translation>
    </message>
    <message>
        <source> min</source>
        <translation> 分</translation>
    </message>
    <message>
        <source> km</source>
        <translation> km</translation>
    </message>
    <message>
        <source> km/h</source>
        <translation> km/h</translation>
    </message>
    <message>
        <source> × straight line</source>
        <translation> × 直線距離</translation>
    </message>
    <message>
        <source> days before</source>
        <translation> 日前まで</translation>
    </message>
    <message>
        <source>Longest walk:</source>
        <translation>徒歩の最長距離:</translation>
    </message>
    <message>
        <source>Walking speed:</source>
        <translation>歩く速さ:</translation>
    </message>
    <message>
        <source>Gathering the group:</source>
        <translation>集合にかかる時間:</translation>
    </message>
    <message>
        <source>Getting around by:</source>
        <translation>市内の移動手段:</translation>
    </message>
    <message>
        <source>Waiting and boarding:</source>
        <translation>待ち時間と乗車:</translation>
    </message>
    <message>
        <source>City speed:</source>
        <translation>市内の速さ:</translation>
    </message>
    <message>
        <source>Long road trip speed:</source>
        <translation>長距離の道路移動の速さ:</translation>
    </message>
    <message>
        <source>Road distance:</source>
        <translation>道路距離:</translation>
    </message>
    <message>
        <source>Longest road trip:</source>
        <translation>道路移動の最長距離:</translation>
    </message>
    <message>
        <source>Longest crossing:</source>
        <translation>航路の最長距離:</translation>
    </message>
    <message>
        <source>Ferry speed:</source>
        <translation>フェリーの速さ:</translation>
    </message>
    <message>
        <source>Check-in before sailing:</source>
        <translation>出航前のチェックイン:</translation>
    </message>
    <message>
        <source>Door to port:</source>
        <translation>港までの移動:</translation>
    </message>
    <message>
        <source>Open sea a land route may cross:</source>
        <translation>陸路で越えられる海の幅:</translation>
    </message>
    <message>
        <source>Shortest train trip:</source>
        <translation>鉄道の最短距離:</translation>
    </message>
    <message>
        <source>Longest train trip:</source>
        <translation>鉄道の最長距離:</translation>
    </message>
    <message>
        <source>Average train speed:</source>
        <translation>鉄道の平均速度:</translation>
    </message>
    <message>
        <source>Rail distance:</source>
        <translation>線路距離:</translation>
    </message>
    <message>
        <source>Wait for a train:</source>
        <translation>列車の待ち時間:</translation>
    </message>
    <message>
        <source>At the station before:</source>
        <translation>駅での出発前の余裕:</translation>
    </message>
    <message>
        <source>Door to station:</source>
        <translation>駅までの移動:</translation>
    </message>
    <message>
        <source>Change of trains:</source>
        <translation>列車の乗り換え:</translation>
    </message>
    <message>
        <source>Shortest flight:</source>
        <translation>飛行機の最短距離:</translation>
    </message>
    <message>
        <source>Block speed:</source>
        <translation>ブロック速度:</translation>
    </message>
    <message>
        <source>Taxiing, climb, approach:</source>
        <translation>地上走行・上昇・進入:</translation>
    </message>
    <message>
        <source>At the airport before:</source>
        <translation>空港での出発前の余裕:</translation>
    </message>
    <message>
        <source>Deplaning and baggage:</source>
        <translation>降機と手荷物受取:</translation>
    </message>
    <message>
        <source>Door to airport:</source>
        <translation>空港までの移動:</translation>
    </message>
    <message>
        <source>Change of planes (no hub):</source>
        <translation>飛行機の乗り継ぎ (ハブ空港以外):</translation>
    </message>
    <message>
        <source>Leave the hotel from:</source>
        <translation>ホテルの出発は次の時刻以降:</translation>
    </message>
    <message>
        <source>Back at the hotel by:</source>
        <translation>ホテルへの帰着は次の時刻まで:</translation>
    </message>
    <message>
        <source>Check-out with luggage:</source>
        <translation>荷物を持ってのチェックアウト:</translation>
    </message>
    <message>
        <source>Lunch between:</source>
        <translation>昼食の時間帯:</translation>
    </message>
    <message>
        <source>Lunch takes:</source>
        <translation>昼食にかかる時間:</translation>
    </message>
    <message>
        <source>Lunch on board from:</source>
        <translation>機内・車内で昼食が出る所要時間:</translation>
    </message>
    <message>
        <source>Meetings a day, at most:</source>
        <translation>1 日の面談の上限:</translation>
    </message>
    <message>
        <source>Confirmed by:</source>
        <translation>確定の期限:</translation>
    </message>
    <message>
        <source>Between items at one place:</source>
        <translation>同じ場所での項目の間隔:</translation>
    </message>
    <message>
        <source>Margin per approximate place:</source>
        <translation>おおよその場所ごとの余裕:</translation>
    </message>
    <message>
        <source>Planning may split the delegation when goals differ</source>
        <translation>目標が異なる日は視察団を分けて計画してよい</translation>
    </message>
    <message>
        <source>Taxi or minibus</source>
        <translation>タクシーまたはミニバス</translation>
    </message>
    <message>
        <source>Public transport</source>
        <translation>公共交通機関</translation>
    </message>
    <message>
        <source>Lunch from</source>
        <translation>昼食の開始</translation>
    </message>
    <message>
        <source>Lunch until</source>
        <translation>昼食の終了</translation>
    </message>
    <message>
        <source>%1 may split</source>
        <translation>%1 別行動可</translation>
    </message>
    <message>
        <source>%1 together</source>
        <translation>%1 全員一緒</translation>
    </message>
    <message>
        <source>Days with their own choice (right-click a day in the agenda; Restore Defaults keeps them): %1</source>
        <translation>日ごとの指定 (日程で日を右クリックして設定。既定値に戻しても残ります): %1</translation>
    </message>
    <message>
        <source>, </source>
        <translation>、</translation>
    </message>
    <message>
        <source>Lunch must start before it ends.</source>
        <translation>昼食の開始は終了より前にしてください。</translation>
    </message>
    <message>
        <source>The delegation must leave the hotel before it is due back.</source>
        <translation>ホテルの出発時刻は帰着時刻より前にしてください。</translation>
    </message>
    <message>
        <source>%1 · changed; the default is %2</source>
        <translation>%1 · 変更あり。既定値は %2</translation>
    </message>
    <message>
        <source>on</source>
        <translation>オン</translation>
    </message>
    <message>
        <source>off</source>
        <translation>オフ</translation>
    </message>
    <message>
        <source>The settings could not be applied.</source>
        <translation>設定を適用できませんでした。</translation>
    </message>
</context>
<context>
    <name>WeeklySlotsDialog</name>
    <message>
        <source>Weekly Slots</source>
        <translation>毎週の時間帯</translation>
    </message>
    <message>
        <source>%1 can receive the delegation every week on:</source>
        <translation>%1 が毎週視察団を受け入れられる曜日と時刻:</translation>
    </message>
    <message>
        <source>&amp;Weekdays:</source>
        <translation>曜日(&amp;W):</translation>
    </message>
    <message>
        <source>&amp;From – to:</source>
        <translation>時刻(&amp;F):</translation>
    </message>
    <message>
        <source>&amp;During:</source>
        <translation>期間(&amp;D):</translation>
    </message>
    <message>
        <source>&amp;Note:</source>
        <translation>メモ(&amp;N):</translation>
    </message>
    <message>
        <source>From</source>
        <translation>開始</translation>
    </message>
    <message>
        <source>To</source>
        <translation>終了</translation>
    </message>
    <message>
        <source>First day</source>
        <translation>初日</translation>
    </message>
    <message>
        <source>Last day</source>
        <translation>最終日</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>メモ</translation>
    </message>
    <message>
        <source>Choose at least one weekday.</source>
        <translation>曜日を1つ以上選んでください。</translation>
    </message>
    <message>
        <source>The slots must end after they start.</source>
        <translation>終了は開始より後にしてください。</translation>
    </message>
    <message>
        <source>The last day comes before the first.</source>
        <translation>最終日が初日より前です。</translation>
    </message>
    <message>
        <source>None of these weekdays falls between the first and the last day.</source>
        <translation>初日から最終日までの間に、選んだ曜日の日がありません。</translation>
    </message>
    <message numerus="yes">
        <source>Makes %n slots: %1.</source>
        <translation>
            <numerusform>%n 件の時間帯を作ります: %1。</numerusform>
        </translation>
    </message>
    <message>
        <source>Weekly slots for %1</source>
        <translation>%1 の毎週の時間帯</translation>
    </message>
</context>
<context>
    <name>WelcomeDialog</name>
    <message>
        <source>Welcome to Ecovisit</source>
        <translation>Ecovisit へようこそ</translation>
    </message>
    <message>
        <source>Ecovisit plans study tours: the hosts to visit, the meetings, the travel between them, and what the delegation wants to learn. Try the demo tour to see it all, or start your own.</source>
        <translation>Ecovisit は視察ツアーを計画します。訪問先、面談、その間の移動、そして視察団が学びたいこと。デモツアーで全体を試すか、ご自分のツアーを始めてください。</translation>
    </message>
    <message>
        <source>Open the demo tour</source>
        <translation>デモツアーを開く</translation>
    </message>
    <message>
        <source>A complete example: ten days, five executives, four cities, with hosts, goals and an agenda to explore and change.</source>
        <translation>完成した例です。10 日間、経営陣 5 名、4 都市。訪問先・目標・日程を自由に見て変更できます。</translation>
    </message>
    <message>
        <source>New tour…</source>
        <translation>新しいツアー…</translation>
    </message>
    <message>
        <source>An empty tour of your own: its title, dates and vision.</source>
        <translation>ご自分の空のツアー: タイトル、期間、ビジョンから始めます。</translation>
    </message>
    <message>
        <source>Open a tour…</source>
        <translation>ツアーを開く…</translation>
    </message>
    <message>
        <source>A tour file (.ecovisit) made earlier, here or by your team.</source>
        <translation>以前に作ったツアーファイル (.ecovisit)。ご自分のものでもチームのものでも。</translation>
    </message>
</context>
<context>
    <name>WriteLettersDialog</name>
    <message>
        <source>Write Host Letters</source>
        <translation>訪問先への手紙の作成</translation>
    </message>
    <message>
        <source>Request</source>
        <translation>依頼状</translation>
    </message>
    <message>
        <source>Reminder</source>
        <translation>催促状</translation>
    </message>
    <message>
        <source>Confirmation</source>
        <translation>確認状</translation>
    </message>
    <message>
        <source>&amp;Letter:</source>
        <translation>手紙(&amp;L):</translation>
    </message>
    <message>
        <source>Each letter is written as text to paste and, where the host has an address, as an e-mail draft to send from your mail program. Writing them changes nothing in the tour: mark each letter sent when it has gone.</source>
        <translation>手紙は貼り付け用のテキストとして作成され、訪問先のメールアドレスがあればメールソフトから送るための下書き（.eml）も作成されます。作成しても視察の内容は変わりません。送付したら、手紙ごとに送付済みにしてください。</translation>
    </message>
    <message>
        <source>Hosts to write to</source>
        <translation>手紙を送る訪問先</translation>
    </message>
    <message>
        <source>Requests</source>
        <translation>依頼状</translation>
    </message>
    <message>
        <source>Reminders</source>
        <translation>催促状</translation>
    </message>
    <message>
        <source>Confirmations</source>
        <translation>確認状</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <source>No e-mail address: only the text is written.</source>
        <translation>メールアドレスがないため、テキストのみ作成されます。</translation>
    </message>
    <message>
        <source>1 host is due this letter.</source>
        <translation>この手紙を送る訪問先: 1 件。</translation>
    </message>
    <message>
        <source>%1 hosts are due this letter.</source>
        <translation>この手紙を送る訪問先: %1 件。</translation>
    </message>
    <message>
        <source>No host is due this letter: a request goes to a host still to ask, a reminder to a host whose request went unanswered, a confirmation to a host with a confirmed meeting whose confirmation has not gone.</source>
        <translation>この手紙を送る訪問先はありません。依頼状はまだ依頼していない訪問先へ、催促状は依頼に返信のない訪問先へ、確認状は面談が確定していて確認状をまだ送っていない訪問先へ送ります。</translation>
    </message>
    <message>
        <source>To: %1</source>
        <translation>宛先: %1</translation>
    </message>
    <message>
        <source>(no e-mail address)</source>
        <translation>（メールアドレスなし）</translation>
    </message>
    <message>
        <source>Subject: %1</source>
        <translation>件名: %1</translation>
    </message>
    <message>
        <source>Attached: the host brief (PDF)</source>
        <translation>添付: 訪問先向け資料（PDF）</translation>
    </message>
    <message>
        <source>Choose the hosts to write to.</source>
        <translation>手紙を送る訪問先を選んでください。</translation>
    </message>
</context>
<context>
    <name>WriteThanksDialog</name>
    <message>
        <source>Write Thank-you Letters</source>
        <translation>お礼状の作成</translation>
    </message>
    <message>
        <source>Thank-you letters</source>
        <translation>お礼状</translation>
    </message>
    <message>
        <source>Folder for the letters</source>
        <extracomment>The texts of :class:`LettersDialog` this dialog words as its own (in Japanese お礼状, a thank-you letter, where the base says 手紙): ``tr`` looks in this class&apos;s context first.</extracomment>
        <translation>お礼状の保存先フォルダー</translation>
    </message>
    <message>
        <source>Hosts to thank</source>
        <translation>お礼を伝える訪問先</translation>
    </message>
    <message>
        <source>The letter</source>
        <translation>お礼状</translation>
    </message>
    <message>
        <source>&amp;Write Letters</source>
        <translation>お礼状を作成(&amp;W)</translation>
    </message>
    <message>
        <source>Reading the letters</source>
        <translation>お礼状の内容を読み込み中</translation>
    </message>
    <message>
        <source>Reading the letters…</source>
        <translation>お礼状の内容を読み込み中…</translation>
    </message>
    <message>
        <source>The letters could not be read: %1</source>
        <translation>お礼状の内容を読み込めませんでした: %1</translation>
    </message>
    <message>
        <source>Cancelled: no letter was read.</source>
        <translation>キャンセルしました: お礼状は読み込まれていません。</translation>
    </message>
    <message>
        <source>1 host to thank.</source>
        <translation>お礼を伝える訪問先: 1 件。</translation>
    </message>
    <message>
        <source>%1 hosts to thank.</source>
        <translation>お礼を伝える訪問先: %1 件。</translation>
    </message>
    <message>
        <source>No host was met yet: there is nobody to thank.</source>
        <translation>まだどの訪問先とも面談していないため、お礼を伝える相手がいません。</translation>
    </message>
    <message>
        <source>Choose the folder for the letters.</source>
        <translation>お礼状の保存先フォルダーを選んでください。</translation>
    </message>
    <message>
        <source>Choose the hosts to thank.</source>
        <translation>お礼を伝える訪問先を選んでください。</translation>
    </message>
    <message>
        <source>Writing letters to %1</source>
        <translation>%1 にお礼状を作成中</translation>
    </message>
    <message>
        <source>The letters had already been written to %1.</source>
        <translation>お礼状は既に %1 に作成されていました。</translation>
    </message>
    <message>
        <source>Cancelled: no letter was written.</source>
        <translation>キャンセルしました: お礼状は作成されていません。</translation>
    </message>
    <message>
        <source>Writing letters to %1…</source>
        <translation>%1 にお礼状を作成中…</translation>
    </message>
    <message>
        <source>The letters could not be written: %1</source>
        <translation>お礼状を作成できませんでした: %1</translation>
    </message>
    <message>
        <source>%1 already holds letters for these hosts. Replace them?</source>
        <translation>%1 には既にこれらの訪問先へのお礼状があります。置き換えますか？</translation>
    </message>
</context>
<context>
    <name>_ExportDialog</name>
    <message>
        <source>Save to</source>
        <extracomment>The file the last export wrote (None until one succeeded). The file the file dialog asked about replacing: the next export does not ask again (one answer for one export: exporting again asks again).</extracomment>
        <translation>保存先</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>参照…</translation>
    </message>
    <message>
        <source>&amp;Save to:</source>
        <translation>保存先(&amp;S):</translation>
    </message>
    <message>
        <source>Export progress</source>
        <translation>書き出しの進行状況</translation>
    </message>
    <message>
        <source>Outcome of the export</source>
        <translation>書き出しの結果</translation>
    </message>
    <message>
        <source>&amp;Export</source>
        <translation>書き出し(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;Open</source>
        <translation>開く(&amp;O)</translation>
    </message>
    <message>
        <source>%1 already exists. Replace it?</source>
        <translation>%1 は既に存在します。置き換えますか？</translation>
    </message>
    <message>
        <source>Choose where to save the file.</source>
        <translation>ファイルの保存先を選んでください。</translation>
    </message>
    <message>
        <source>Exporting to %1…</source>
        <translation>%1 に書き出し中…</translation>
    </message>
    <message>
        <source>Exporting %1</source>
        <translation>%1 を書き出し中</translation>
    </message>
    <message>
        <source>%1 could not be written: %2</source>
        <translation>%1 を書き出せませんでした: %2</translation>
    </message>
    <message>
        <source>The export had already finished: %1 was written.</source>
        <translation>書き出しは既に完了していました: %1 を書き出しました。</translation>
    </message>
    <message>
        <source>Cancelled: no file was written.</source>
        <translation>キャンセルしました: ファイルは書き出されていません。</translation>
    </message>
</context>
</TS>
