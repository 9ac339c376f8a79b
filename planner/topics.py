"""The topic vocabulary: one concept per subject a study tour visits, with its English and
Japanese labels and the common synonyms (``manufacturing`` = ``production`` = ``製造業`` =
``ものづくり``), so that a topic typed in either language, in any spelling (folded by
:func:`planner.folding.fold`: case, full width, hyphens), matches the same topic typed another
way, and shows in the window's language.

Topics are stored as the user typed them; they are mapped to concepts only when compared
(:func:`key`) and when shown (:func:`label`). A topic that is not in the vocabulary keeps its
own spelling and matches only itself, folded. A concept's English label is its key, written as
topics are tagged (lower case, words joined by hyphens: ``deep-tech``).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from planner.folding import fold

#: (English label, Japanese label, synonyms in either language, comma-separated). A Japanese
#: label holds no separator (``・``, ``、``): the topic lists are split at them.
_VOCABULARY: tuple[tuple[str, str, str], ...] = (
    # innovation and its actors
    ("startups", "スタートアップ", "startup, start-up, start-ups, スタートアップ企業, "
     "ベンチャー企業"),
    ("scale-ups", "スケールアップ", "scale-up, scaleup, scaleups"),
    ("venture-capital", "ベンチャーキャピタル", "vc, vcs, venture capitalists"),
    ("cvc", "CVC", "corporate venture capital, コーポレートベンチャーキャピタル"),
    ("corporate-venturing", "コーポレートベンチャリング", "corporate venture, 社内ベンチャー制度"),
    ("venture-client", "ベンチャークライアント", "venture clienting, venture client model"),
    ("venture-building", "ベンチャービルディング", "venture builder, venture studio, "
     "startup studio, ベンチャースタジオ"),
    ("open-innovation", "オープンイノベーション", ""),
    ("innovation-outpost", "イノベーション拠点", "innovation outposts, innovation hub abroad, "
     "出島, 出島組織"),
    ("intrapreneurship", "社内起業", "イントラプレナーシップ, intrapreneur, 社内起業家"),
    ("entrepreneurship", "起業家精神", "アントレプレナーシップ, entrepreneur, 起業"),
    ("accelerators", "アクセラレーター", "accelerator, acceleration, アクセラレータ, "
     "アクセラレーションプログラム"),
    ("incubation", "インキュベーション", "incubator, incubators, インキュベーター"),
    ("deal-flow", "ディールフロー", "dealflow, 案件発掘"),
    ("investment", "投資", "investing, investments"),
    ("ecosystem", "エコシステム", "ecosystems, innovation ecosystem, イノベーションエコシステム"),
    ("culture", "カルチャー", "文化, 組織文化, innovation culture, corporate culture"),
    ("talent", "人材", "タレント, 人材獲得, talent acquisition, skills"),
    ("design-thinking", "デザイン思考", "デザインシンキング"),
    ("business-model", "ビジネスモデル", "business models"),
    ("soft-landing", "ソフトランディング", "market entry, 市場参入, 海外進出"),
    ("spin-off", "スピンオフ", "spin-offs, spinoff, spinoffs, spin-out, spinout, スピンアウト, "
     "大学発ベンチャー"),
    ("tech-transfer", "技術移転", "technology transfer, テクノロジートランスファー, 産学連携"),
    ("university", "大学", "universities, academia, アカデミア"),
    ("research", "研究", "r&d, 研究開発, applied research"),
    ("deep-tech", "ディープテック", "deeptech"),
    ("public-funding", "公的資金", "grants, subsidies, 助成金, 補助金, public funding"),
    ("policy", "政策", "public policy"),
    ("regulation", "規制", "regulatory, 法規制"),
    ("sme", "中小企業", "smes, mittelstand, ミッテルシュタント, 中堅企業"),
    ("digital-transformation", "DX", "デジタルトランスフォーメーション, デジタル変革, "
     "digitalisation, digitalization, digitisation, デジタル化"),
    # technologies
    ("ai", "AI", "artificial intelligence, 人工知能"),
    ("generative-ai", "生成AI", "genai, gen ai, generative artificial intelligence, 生成人工知能"),
    ("industrial-ai", "産業AI", "industrial artificial intelligence"),
    ("machine-learning", "機械学習", "ml"),
    ("data", "データ", "big data, ビッグデータ, data economy, データ活用"),
    ("cloud", "クラウド", "cloud computing"),
    ("software", "ソフトウェア", "ソフトウエア"),
    ("process-mining", "プロセスマイニング", ""),
    ("digital-twin", "デジタルツイン", "digital twins"),
    ("iot", "IoT", "internet of things, モノのインターネット"),
    ("cybersecurity", "サイバーセキュリティ", "cyber security, cyber-security, "
     "information security, 情報セキュリティ"),
    ("blockchain", "ブロックチェーン", "web3, distributed ledger"),
    ("quantum", "量子技術", "quantum computing, quantum technology, quantum technologies, 量子, "
     "量子コンピュータ, 量子コンピューティング"),
    ("semiconductors", "半導体", "semiconductor, chips, microelectronics"),
    ("photonics", "フォトニクス", "光技術, optics"),
    ("robotics", "ロボティクス", "robot, robots, ロボット, automation robots"),
    ("materials", "素材", "advanced materials, 材料, 新素材, マテリアル"),
    ("chemicals", "化学", "chemistry, chemical industry, 化学産業"),
    ("connectivity", "コネクティビティ", "接続性"),
    ("telecommunications", "通信", "telecom, telecoms, テレコム"),
    ("5g", "5G", ""),
    ("6g", "6G", ""),
    ("space", "宇宙", "space tech, spacetech, new space, 宇宙産業, スペーステック"),
    ("aerospace", "航空宇宙", "aeronautics"),
    # industries
    ("manufacturing", "製造業", "production, 製造, ものづくり, モノづくり"),
    ("industry-4.0", "インダストリー4.0", "industrie 4.0, smart factory, smart factories, "
     "スマートファクトリー, smart manufacturing"),
    ("automotive", "自動車", "automobile, automotive industry, car industry, 自動車産業, "
     "automakers"),
    ("mobility", "モビリティ", "移動"),
    ("micromobility", "マイクロモビリティ", "micro-mobility"),
    ("maas", "MaaS", "mobility as a service"),
    ("electric-vehicles", "電気自動車", "ev, evs, electric vehicle, e-mobility, emobility, "
     "電動車"),
    ("autonomous-driving", "自動運転", "self-driving, autonomous vehicles, autonomous driving"),
    ("software-defined-vehicle", "ソフトウェア定義車両", "sdv, software defined vehicles, "
     "ソフトウェアデファインドビークル"),
    ("charging", "充電", "ev charging, charging infrastructure, 充電インフラ"),
    ("battery", "電池", "batteries, バッテリー, battery technology"),
    ("logistics", "物流", "ロジスティクス, freight"),
    ("supply-chain", "サプライチェーン", "supply chains, 供給網"),
    ("delivery", "配送", "デリバリー, last mile, last-mile delivery, ラストワンマイル"),
    ("railways", "鉄道", "rail"),
    ("aviation", "航空", "airlines"),
    ("maritime", "海運", "shipping, ports, 港湾"),
    ("smart-city", "スマートシティ", "smart cities, urban tech, urbantech"),
    ("retail", "小売", "小売業, リテール, e-commerce, ecommerce, eコマース"),
    ("fintech", "フィンテック", "financial technology, 金融テック"),
    ("banking", "金融", "finance, financial services, 金融サービス"),
    ("insurtech", "インシュアテック", "insurance technology"),
    ("insurance", "保険", ""),
    ("proptech", "プロップテック", "real estate technology"),
    ("real-estate", "不動産", ""),
    ("construction", "建設", "建設業, contech, construction tech"),
    ("healthcare", "ヘルスケア", "health care, health, 医療, 健康"),
    ("digital-health", "デジタルヘルス", "e-health, ehealth, digital healthcare, "
     "health tech, healthtech"),
    ("medtech", "医療機器", "medical devices, medical technology, メドテック"),
    ("biotech", "バイオテクノロジー", "biotechnology, バイオテック, バイオ"),
    ("life-sciences", "ライフサイエンス", "life science"),
    ("pharma", "製薬", "pharmaceuticals, pharmaceutical, 医薬品"),
    ("agritech", "アグリテック", "agtech, agri-tech, agriculture, 農業, 農業テック, "
     "agricultural technology"),
    ("foodtech", "フードテック", "food tech, food, 食品, food technology"),
    ("alternative-protein", "代替タンパク質", "alternative proteins, alt protein, 代替肉, "
     "plant-based meat"),
    ("edtech", "エドテック", "education technology"),
    ("education", "教育", ""),
    ("tourism", "観光", "travel industry"),
    ("govtech", "ガブテック", "government technology, public sector innovation, 行政DX"),
    # energy and the climate
    ("energy", "エネルギー", ""),
    ("energy-transition", "脱炭素", "decarbonisation, decarbonization, エネルギー転換, "
     "エネルギートランジション, net zero, net-zero, カーボンニュートラル, carbon neutrality"),
    ("renewable-energy", "再生可能エネルギー", "renewables, renewable energies, 再エネ"),
    ("energy-storage", "蓄電", "エネルギー貯蔵, 蓄電池, battery storage"),
    ("hydrogen", "水素", "green hydrogen, グリーン水素"),
    ("smart-grid", "スマートグリッド", "smart grids"),
    ("climate-tech", "クライメートテック", "climatetech, climate technology, 気候テック, "
     "cleantech, clean tech, クリーンテック"),
    ("sustainability", "サステナビリティ", "持続可能性, sustainable, サスティナビリティ"),
    ("circular-economy", "サーキュラーエコノミー", "循環経済, circularity, recycling, リサイクル"),
    ("esg", "ESG", "esg investing"),
)


@dataclass(frozen=True)
class Concept:
    """One subject: its labels and the words that name it."""

    #: The English label, also the concept's key (``deep-tech``).
    name: str
    ja: str
    synonyms: tuple[str, ...]

    def label(self, language: str) -> str:
        return self.ja if language == "ja" else self.name

    @property
    def words(self) -> tuple[str, ...]:
        """Every way of writing the concept: labels and synonyms."""
        return (self.name, self.ja, *self.synonyms)


def _squeezed(folded: str) -> str:
    return folded.replace(" ", "")


@functools.cache
def concepts() -> dict[str, Concept]:
    """The vocabulary, by folded word (also with its spaces taken out: ``deep tech`` and
    ``deeptech``). A word naming two concepts is an error in the table."""
    index: dict[str, Concept] = {}
    for name, ja, synonyms in _VOCABULARY:
        concept = Concept(name, ja, tuple(s.strip() for s in synonyms.split(",") if s.strip()))
        for word in concept.words:
            for folded in {fold(word), _squeezed(fold(word))}:
                other = index.setdefault(folded, concept)
                if other is not concept:
                    raise ValueError(f"topic vocabulary: {word!r} names both {other.name} "
                                     f"and {concept.name}")
    return index


@functools.lru_cache(maxsize=8192)
def concept(topic: str) -> Concept | None:
    """The concept *topic* names, if the vocabulary has it."""
    folded = fold(topic)
    index = concepts()
    return index.get(folded) or index.get(_squeezed(folded))


@functools.lru_cache(maxsize=8192)
def key(topic: str) -> str:
    """What topics are compared by: the concept's name, or for a topic the vocabulary lacks,
    the topic folded (which never equals a concept's name: a name with a hyphen is never a
    folding, one without is in the vocabulary)."""
    found = concept(topic)
    return found.name if found is not None else fold(topic)


def label(topic: str, language: str) -> str:
    """*topic* in *language* (``en``, ``ja``): its concept's label, or the topic as typed."""
    found = concept(topic)
    return found.label(language) if found is not None else topic


@functools.lru_cache(maxsize=4096)
def _keyed(topics: tuple[str, ...]) -> tuple[tuple[str, str], ...]:
    seen: set[str] = set()
    kept = []
    for topic in topics:
        found = key(topic)
        if found not in seen:
            seen.add(found)
            kept.append((topic, found))
    return tuple(kept)


def keyed(topics: Iterable[str]) -> tuple[tuple[str, str], ...]:
    """*topics* with their keys, without the ones that name a concept an earlier one names,
    order kept."""
    return _keyed(tuple(topics))


def distinct(topics: Iterable[str]) -> list[str]:
    """*topics* without the ones that name a concept an earlier one names, order kept."""
    return [topic for topic, _ in keyed(topics)]


def keys(topics: Iterable[str]) -> frozenset[str]:
    """The keys of *topics*."""
    return _keys(tuple(topics))


@functools.lru_cache(maxsize=4096)
def _keys(topics: tuple[str, ...]) -> frozenset[str]:
    return frozenset(found for _, found in _keyed(topics))


def labels(topics: Iterable[str], language: str) -> list[str]:
    """How a list of topics shows in *language*: each concept once, by its label."""
    return [label(topic, language) for topic in distinct(topics)]


def restore(shown: Sequence[str], topics: Sequence[str], language: str) -> list[str]:
    """The topics to store when a user edited *shown*, the :func:`labels` of the stored
    *topics* in *language*: a label left as it was keeps the stored topics behind it, as they
    were typed; a new one is stored as typed. Unchanged labels give *topics* back as they are."""
    was = [fold(text) for text in labels(topics, language)]
    if [fold(text) for text in shown] == was:
        return list(topics)
    result: list[str] = []
    for text in shown:
        behind = [t for t in topics if fold(label(t, language)) == fold(text)]
        for topic in behind or [text]:
            if topic not in result:
                result.append(topic)
    return result


def search_words(topic: str) -> str:
    """The topic as typed and its labels in every language, for search texts."""
    found = concept(topic)
    return f"{topic} {found.name} {found.ja}" if found is not None else topic


_NOT_WORD = re.compile(r"[^\w]+")


def _words_of(text: str) -> str:
    return _NOT_WORD.sub(" ", fold(text)).strip()


@functools.lru_cache(maxsize=4096)
def searchable(text: str) -> str:
    """*text* (a description) folded, its words between spaces, for :func:`mentioned`."""
    return f" {_words_of(text)} "


@functools.lru_cache(maxsize=8192)
def _mentions(topic: str) -> re.Pattern[str]:
    """What mentions *topic* in a :func:`searchable` text: any of its words, whole words in
    Latin script, anywhere in another script (not written between spaces)."""
    found = concept(topic)
    words = {_words_of(word) for word in (found.words if found is not None else (topic,))}
    written = sorted((f" {w} " if w.isascii() else w) for w in words if w)
    return re.compile("|".join(re.escape(w) for w in written) or "(?!)")


@functools.lru_cache(maxsize=1 << 16)  # every goal's topic with every host's description
def mentioned(topic: str, text: str) -> bool:
    """Whether the :func:`searchable` *text* mentions *topic* in any of its words."""
    return _mentions(topic).search(text) is not None
