#!/usr/bin/env bash
# A study tour built from nothing with the command line, as a script fed from spreadsheets would:
# five days in Stockholm, Copenhagen and Amsterdam for three executives from Japan.
#
#   docs/example-tour.sh nordic.ecovisit      (needs `ecovisit` on PATH; replaces the file)
#
# Every command creates or changes one record, prints it (add --json for JSON) and stops the
# script with a one-line error (exit 2) if a value is refused, a name matches nothing or more
# than one record. Times are local: a start where the item starts, an end where it ends.
set -euo pipefail

tour=${1:?usage: example-tour.sh OUT.ecovisit}
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)

ecovisit new "$tour" --force --title "Nordic innovation ecosystems" \
    --title-ja "北欧イノベーション・エコシステム視察" --start 2027-05-10 --end 2027-05-14 \
    --home-zone Asia/Tokyo
ecovisit edit-tour "$tour" --day-start 08:30 --day-end 19:00 \
    --vision "Learn how Nordic and Dutch cities turn research into companies and pilots" \
    --vision-ja "北欧とオランダの都市が研究を企業と実証に結びつける仕組みを学ぶ" \
    --coordinator "Yuki Mori" --coordinator-phone "+81 3 1234 5678" \
    --coordinator-email yuki.mori@example.jp

# The delegation, and what it comes to learn (a goal without --traveller is everyone's).
ecovisit add-traveller "$tour" "Kenji Sato" --name-ja "佐藤 健二" --company "Sato Energy" \
    --role CEO --email kenji.sato@example.jp --languages "ja, en"
ecovisit add-traveller "$tour" "Haruka Tanaka" --name-ja "田中 遥" --company "Tanaka Mobility" \
    --role COO --email haruka.tanaka@example.jp --languages "ja, en" --dietary vegetarian
ecovisit add-traveller "$tour" "Takeshi Suzuki" --name-ja "鈴木 剛" \
    --company "Suzuki Ventures" --role Partner --email takeshi.suzuki@example.jp --languages ja
ecovisit add-goal "$tour" "How public agencies fund deep tech" --priority 5 \
    --title-ja "公的機関によるディープテック支援" --topics "innovation-policy, funding, deep-tech"
ecovisit add-goal "$tour" "Battery storage business models" --traveller 佐藤 --priority 4 \
    --topics "battery, energy"
ecovisit add-goal "$tour" "Urban mobility pilots" --traveller Tanaka --priority 4 \
    --topics "urban-mobility"
ecovisit add-goal "$tour" "Financing university spin-offs" --traveller takeshi.suzuki@example.jp \
    --priority 3 --topics "university-spin-offs, funding"

# Places: by airport code, coordinates, a map link, or a city (then approximate).
ecovisit add-place "$tour" "Tokyo Haneda" --at HND
ecovisit add-place "$tour" "Stockholm Arlanda" --at ARN
ecovisit add-place "$tour" "Hotel Diplomat" --kind hotel --at "59.3339, 18.0801" \
    --address "Strandvägen 7C"
ecovisit add-place "$tour" "Stockholm Central" --kind station --at "59.3303, 18.0588"
ecovisit add-place "$tour" "Copenhagen Central" --kind station --at "55.6726, 12.5647"
ecovisit add-place "$tour" "Hotel Danmark" --kind hotel --address "Vester Voldgade 89" \
    --at "https://www.openstreetmap.org/?mlat=55.6759&mlon=12.5713#map=18/55.6759/12.5713"
ecovisit add-place "$tour" "Copenhagen Airport" --at CPH
ecovisit add-place "$tour" "Amsterdam Schiphol" --at AMS
ecovisit add-place "$tour" "Amsterdam Centraal" --kind station --at "52.3791, 4.9003"
ecovisit add-place "$tour" "Hotel V Nesplein" --kind hotel --at Amsterdam --country NL \
    --address "Nes 49"

# The nights: the days' cities follow from them.
ecovisit add-stay "$tour" "Diplomat" --check-in 2027-05-10 --check-out 2027-05-12 \
    --booking-reference HD-20417
ecovisit add-stay "$tour" "Hotel Danmark" --check-in 2027-05-12 --check-out 2027-05-13 \
    --booking-reference DK-88310
ecovisit add-stay "$tour" "Nesplein" --check-in 2027-05-13 --check-out 2027-05-14 \
    --booking-reference NES-5521

# The hosts (a spreadsheet of organisations and contacts), and when they can receive us.
ecovisit import-contacts "$tour" "$here/example/organisations.csv"
ecovisit set "$tour" organisation "Cobe Mobility" --at "55.6867, 12.5700" address="Nørrebrogade 52"
ecovisit set "$tour" organisation "Battery Lab" address="Czaar Peterstraat 213" \
    --at "https://www.google.com/maps/place/52%C2%B022'11.0%22N+4%C2%B056'00.0%22E/@52.3697,4.9333,17z/data=!3m1!4b1!4m4!3m3!8m2!3d52.3697!4d4.9333"
ecovisit add-availability "$tour" Vinnova --weekly "Mon-Fri 09:00-17:00"
ecovisit add-availability "$tour" "KTH Innovation" --weekly "Tue,Thu 10:00-16:00"
ecovisit add-availability "$tour" Epicenter --weekly "Mon-Fri 9-18"
ecovisit add-availability "$tour" "Stockholm Exergi" --weekly "Tue-Wed 13:00-16:30"
ecovisit add-availability "$tour" "SSE Business Lab" --weekly "Mon-Tue 13:00-17:00"
ecovisit add-availability "$tour" BLOXHUB --weekly "Wed-Thu 13:00-17:00"
ecovisit add-availability "$tour" "DTU Skylab" --from "2027-05-13 09:00" --until "2027-05-13 12:00"
ecovisit add-availability "$tour" "Copenhagen Capacity" --weekly "Wed-Thu 9-16"
ecovisit add-availability "$tour" "Danish Energy" --weekly "Wed 16:00-18:00" \
    --note "after their board meeting"
ecovisit add-availability "$tour" "Cobe Mobility" --weekly "Wed 16:00-18:30"
ecovisit add-availability "$tour" "AMS Institute" --weekly "Tue-Fri 10:00-16:00"
ecovisit add-availability "$tour" "Amsterdam Smart City" --weekly "Thu-Fri 09:30-12:30"
ecovisit add-availability "$tour" StartupAmsterdam --weekly "Fri 13:00-16:00"
ecovisit add-availability "$tour" "Battery Lab" --weekly "Fri 11:00-16:00"
ecovisit add-availability "$tour" "UvA Ventures" --from "2027-05-14 09:00" --until "2027-05-14 11:30"

# The journeys: each time is local where it happens (Tokyo, then Stockholm).
ecovisit add-item "$tour" "Flight to Stockholm" --kind flight --place Haneda --to Arlanda \
    --start "2027-05-10 10:50" --end "2027-05-10 17:25" --status confirmed --locked \
    --booking-reference NH6225 --title-ja "ストックホルムへ"
ecovisit add-item "$tour" "Train to Copenhagen" --kind train --place "Stockholm Central" \
    --to "Copenhagen Central" --start "2027-05-12 09:21" --end "2027-05-12 14:31" \
    --status confirmed --locked --booking-reference SJ521 --title-ja "コペンハーゲンへ（列車）"
ecovisit add-item "$tour" "Flight to Amsterdam" --kind flight --place "Copenhagen Airport" \
    --to Schiphol --start "2027-05-13 14:05" --end "2027-05-13 15:30" --status confirmed \
    --locked --booking-reference SK551 --title-ja "アムステルダムへ"
ecovisit add-item "$tour" "Train to Amsterdam Centraal" --kind train --place Schiphol \
    --to "Amsterdam Centraal" --start "2027-05-13 16:25" --minutes 17 --status confirmed
ecovisit add-item "$tour" "Flight home" --kind flight --place Schiphol --to Haneda \
    --start "2027-05-14 18:45" --end "2027-05-15 14:35" --status confirmed --locked \
    --booking-reference NH6226 --title-ja "帰国"

# Meetings fixed with the hosts (planning adds the rest), and a welcome dinner.
ecovisit add-item "$tour" "Welcome dinner" --kind meal --place "Hotel Diplomat" \
    --start "2027-05-10 19:30" --minutes 90 --status confirmed --title-ja "歓迎夕食会"
ecovisit add-item "$tour" "Vinnova: funding deep tech" --host Vinnova \
    --start "2027-05-11 09:30" --contact "Karin Lund" --status confirmed \
    --goal "fund deep tech" --title-ja "Vinnova訪問：ディープテック支援" --language en \
    --interpreter --question "Which programmes fund hardware start-ups?" \
    --question "How are the grants evaluated, and by whom?"
ecovisit add-item "$tour" "Stockholm Exergi: bio-CCS" --host "Stockholm Exergi" \
    --start "2027-05-11 14:00" --traveller Sato --traveller 鈴木 --goal Battery \
    --status requested
ecovisit add-item "$tour" "BLOXHUB: mobility pilots" --host BLOXHUB --start "2027-05-12 15:30" \
    --goal "Urban mobility" --contact "Mette Friis" --status confirmed
ecovisit add-item "$tour" "DTU Skylab" --host "DTU Skylab" --start "2027-05-13 09:30" \
    --goal "spin-offs" --status confirmed
ecovisit add-item "$tour" "AMS Institute" --host "AMS Institute" --start "2027-05-14 10:00" \
    --goal "Urban mobility" --goal "fund deep tech" --status requested

# Does the plan work? (exit 1 on any error)
ecovisit check "$tour"
