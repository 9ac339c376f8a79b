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
        <source>Everyone (%1)</source>
        <translation>全員 (%1)</translation>
    </message>
    <message>
        <source>%1 is not a time of day (write it as 14:30)</source>
        <translation>%1 は時刻ではありません（14:30 のように入力してください）</translation>
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
        <extracomment>The role that gives a cell&apos;s value for sorting and filtering (plain text, or a number). Shown in the table (else only in the detail form). How the detail form edits it: &quot;line&quot;, &quot;text&quot; (several lines), &quot;choice&quot;, &quot;flag&quot;.</extracomment>
        <translation>はい</translation>
    </message>
    <message>
        <source>Delegation</source>
        <translation>代表団</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名前</translation>
    </message>
    <message>
        <source>Japanese name</source>
        <translation>日本語名</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>種類</translation>
    </message>
    <message>
        <source>City</source>
        <translation>都市</translation>
    </message>
    <message>
        <source>Topics</source>
        <translation>トピック</translation>
    </message>
    <message>
        <source>Website</source>
        <translation>ウェブサイト</translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation>メール</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>電話</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>住所</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>説明</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>メモ</translation>
    </message>
    <message>
        <source>Organisation</source>
        <translation>組織</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>役職</translation>
    </message>
    <message>
        <source>Languages</source>
        <translation>言語</translation>
    </message>
    <message>
        <source>Company</source>
        <translation>会社</translation>
    </message>
    <message>
        <source>Staff</source>
        <translation>スタッフ</translation>
    </message>
    <message>
        <source>Dietary needs</source>
        <translation>食事の制限</translation>
    </message>
    <message>
        <source>Traveller</source>
        <translation>参加者</translation>
    </message>
    <message>
        <source>Goal</source>
        <translation>目標</translation>
    </message>
    <message>
        <source>Japanese title</source>
        <translation>日本語タイトル</translation>
    </message>
    <message>
        <source>Priority</source>
        <translation>優先度</translation>
    </message>
</context>
<context>
    <name>Commands</name>
    <message>
        <source>name</source>
        <extracomment>What a field is called in a command&apos;s name (&quot;Change e-mail of Celonis&quot;).</extracomment>
        <translation>名前</translation>
    </message>
    <message>
        <source>Japanese name</source>
        <translation>日本語名</translation>
    </message>
    <message>
        <source>kind</source>
        <translation>種類</translation>
    </message>
    <message>
        <source>topics</source>
        <translation>トピック</translation>
    </message>
    <message>
        <source>description</source>
        <translation>説明</translation>
    </message>
    <message>
        <source>phone</source>
        <translation>電話</translation>
    </message>
    <message>
        <source>website</source>
        <translation>ウェブサイト</translation>
    </message>
    <message>
        <source>e-mail</source>
        <translation>メール</translation>
    </message>
    <message>
        <source>notes</source>
        <translation>メモ</translation>
    </message>
    <message>
        <source>role</source>
        <translation>役職</translation>
    </message>
    <message>
        <source>languages</source>
        <translation>言語</translation>
    </message>
    <message>
        <source>company</source>
        <translation>会社</translation>
    </message>
    <message>
        <source>dietary needs</source>
        <translation>食事の制限</translation>
    </message>
    <message>
        <source>staff</source>
        <translation>スタッフ</translation>
    </message>
    <message>
        <source>title</source>
        <translation>タイトル</translation>
    </message>
    <message>
        <source>Japanese title</source>
        <translation>日本語タイトル</translation>
    </message>
    <message>
        <source>priority</source>
        <translation>優先度</translation>
    </message>
    <message>
        <source>status</source>
        <translation>状況</translation>
    </message>
    <message>
        <source>lock</source>
        <translation>固定</translation>
    </message>
    <message>
        <source>questions</source>
        <translation>質問</translation>
    </message>
    <message>
        <source>language</source>
        <translation>言語</translation>
    </message>
    <message>
        <source>interpreter</source>
        <translation>通訳</translation>
    </message>
    <message>
        <source>protocol notes</source>
        <translation>儀礼メモ</translation>
    </message>
    <message>
        <source>booking reference</source>
        <translation>予約番号</translation>
    </message>
    <message>
        <source>learnings</source>
        <translation>学び</translation>
    </message>
    <message>
        <source>vision</source>
        <translation>ビジョン</translation>
    </message>
    <message>
        <source>Japanese vision</source>
        <translation>日本語のビジョン</translation>
    </message>
    <message>
        <source>coordinator</source>
        <translation>コーディネーター</translation>
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
        <source>Delete %1</source>
        <translation>%1 を削除</translation>
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
    <name>MainWindow</name>
    <message>
        <source>&amp;File</source>
        <extracomment>A tour was opened and is shown (its location). The findings panel shows the current findings.</extracomment>
        <translation>ファイル(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>編集(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>表示(&amp;V)</translation>
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
        <translation>代表団と目標</translation>
    </message>
    <message>
        <source>Findings</source>
        <translation>チェック結果</translation>
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
        <source>The change was not made</source>
        <translation>変更できませんでした</translation>
    </message>
    <message>
        <source>%1 items over %2 days · revision %3</source>
        <translation>%2 日間で %1 項目 · 改訂 %3</translation>
    </message>
    <message>
        <source>Checking…</source>
        <translation>チェック中…</translation>
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
        <source>Saving a copy as %1</source>
        <translation>%1 としてコピーを保存中</translation>
    </message>
    <message>
        <source>The copy was not saved</source>
        <translation>コピーを保存できませんでした</translation>
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
        <source>Add contact</source>
        <translation>連絡先を追加</translation>
    </message>
    <message>
        <source>Choose the contact&apos;s organisation in the Organisations list first.</source>
        <translation>先に「組織」の一覧で連絡先の組織を選んでください。</translation>
    </message>
    <message>
        <source>About Ecovisit</source>
        <translation>Ecovisit について</translation>
    </message>
    <message>
        <source>Ecovisit plans ecosystem-visit study tours: contacts, meetings, travel, and what the delegation wants to learn.</source>
        <translation>Ecovisit はエコシステム視察ツアーを計画します。連絡先、面談、移動、そして代表団が学びたいこと。</translation>
    </message>
</context>
<context>
    <name>NewTourDialog</name>
    <message>
        <source>New Tour</source>
        <translation>新しいツアー</translation>
    </message>
    <message>
        <source>Browse…</source>
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
        <source>Tour &amp;file:</source>
        <translation>ツアーファイル(&amp;F):</translation>
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
    <name>OperationIndicator</name>
    <message>
        <source>Cancel</source>
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
    <name>RecordBrowser</name>
    <message>
        <source>Filter organisations…</source>
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
        <translation>代表団を絞り込む…</translation>
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
    <name>TourDocument</name>
    <message>
        <source>Checking the tour</source>
        <extracomment>The kinds of record the window lists, by table. (kind, primary keys) of records added, changed or gone after a committed edit. The findings were recomputed (all, or the days an edit touched). The tour&apos;s own fields (title, dates) changed. An edit was refused or failed; the text is for the user.</extracomment>
        <translation>ツアーをチェック中</translation>
    </message>
    <message>
        <source>The tour could not be checked: %1</source>
        <translation>ツアーをチェックできませんでした: %1</translation>
    </message>
</context>
</TS>
