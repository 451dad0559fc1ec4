#!/usr/bin/env bash
# The README walk-through as one script: a household of three applies for dibao in Taizhou and its
# first payroll pays exactly 2,127.00. Needs the platform running with clock control:
#   SA_ALLOW_CLOCK_CONTROL=true npm start
# Each step is a plain curl call you can also type by hand.
set -euo pipefail
cd "$(dirname "$0")/.."
token() { npx --no-install tsx tools/dev/issue-token.ts --role "$1" --org "$2" --user "$3" 2>/dev/null; }
json() { node -pe "JSON.parse(require('fs').readFileSync(0, 'utf8'))$1"; }
# Moving a clock needs a platform operator (and ALLOW_CLOCK_CONTROL, which npm start sets only with SA_ALLOW_CLOCK_CONTROL=true).
clock() { local ops; ops=$(token platform-operator 331002 ops.chen); for port in 3101 3102 3103 3104 3105; do curl -sf -X PUT "http://127.0.0.1:$port/admin/clock" -H 'content-type: application/json' -H "Authorization: Bearer $ops" -d "{\"now\":\"$1\"}" > /dev/null; done; echo "clocks set to $1"; }
# A valid resident ID (GB 11643: ISO 7064 MOD 11-2 check character) with a random sequence number,
# so the walk-through can run again on the same data: rid 19780412
rid() { node -e '
  const first17 = "331002" + process.argv[1] + String(100 + Math.floor(Math.random() * 900));
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...first17].reduce((s, d, i) => s + Number(d) * w[i], 0);
  console.log(first17 + "10X98765432"[sum % 11]);' "$1"; }
# A community (社区) of 椒江区 township 331002001 where no payroll has run yet on this platform.
VILLAGE="331002001$(( 100 + RANDOM % 100 ))"
INTAKE=$(token intake-worker 331002001 li.na)
REVIEWER=$(token township-reviewer 331002001 zhao.lei)
APPROVER=$(token county-approver 331002 chen.jing)
PAYMENTS=$(token payments-officer 331002 sun.hui)
INVESTIGATOR=$(token investigator 331002001 zhou.qiang)

clock 2026-03-02T09:00:00+08:00

echo '1. Intake takes the application (申请) of a household of three; one member earns 1,800.00 a month'
APP=$(curl -sf http://127.0.0.1:3101/applications -H "authorization: Bearer $INTAKE" -H 'content-type: application/json' -d '{
  "programme": "dibao", "region": "'"$VILLAGE"'", "applicationLocation": "hukou", "channel": "walk-in",
  "household": {
    "members": [
      { "residentId": "'"$(rid 19780412)"'", "name": "王建国", "relation": "applicant", "birthDate": "1978-04-12", "disabilityGrade": null, "seriousIllness": false, "workAbility": "full", "declaredMonthlyIncomes": [{ "kind": "wage", "monthlyFen": 180000 }] },
      { "residentId": "'"$(rid 19800903)"'", "name": "李秀英", "relation": "spouse", "birthDate": "1980-09-03", "disabilityGrade": null, "seriousIllness": false, "workAbility": "none", "declaredMonthlyIncomes": [] },
      { "residentId": "'"$(rid 20120618)"'", "name": "王小明", "relation": "child", "birthDate": "2012-06-18", "disabilityGrade": null, "seriousIllness": false, "workAbility": "none", "declaredMonthlyIncomes": [] }
    ],
    "declaredAssets": { "vehicles": 0, "dwellings": 1, "financialAssetsFen": 500000, "businessRegistrations": 0 },
    "bankAccount": { "bankName": "台州银行椒江支行", "accountHolder": "王建国", "accountNumber": "6222000012345678" }
  },
  "consents": { "economicCheck": true, "charityReferral": true },
  "nearRelative": { "declared": false }
}' | json .applicationId)
echo "   application $APP"

echo '2. Verification checks the household economic status (核对) against county data, by itself'
sleep 2
curl -sf "http://127.0.0.1:3102/checks/$APP" -H "authorization: Bearer $INVESTIGATOR" | node -e '
  const c = JSON.parse(require("fs").readFileSync(0, "utf8")); const r = c.result ?? c;
  console.log(`   counted ${r.countedMonthlyIncomeFen / 100} CNY/month, per capita ${r.perCapitaMonthlyIncomeFen / 100}, eligible ${r.eligible}`);'

echo '3. The township reviews (审核) and posts the 7-day public notice (公示)'
curl -sf "http://127.0.0.1:3103/cases/$APP/review" -H "authorization: Bearer $REVIEWER" -H 'content-type: application/json' -d '{"recommendation":"approve","reasons":[]}' > /dev/null
curl -sf "http://127.0.0.1:3103/cases/$APP/public-notice" -H "authorization: Bearer $REVIEWER" -H 'content-type: application/json' -d '{}' | node -pe '"   case status: " + JSON.parse(require("fs").readFileSync(0, "utf8")).status'

echo '4. Eight days later the county confirms (确认); the benefit starts next month'
clock 2026-03-10T10:00:00+08:00
curl -sf "http://127.0.0.1:3103/cases/$APP/confirmation" -H "authorization: Bearer $APPROVER" -H 'content-type: application/json' -d '{"stillInHardship":false}' > /dev/null
sleep 2
curl -sf "http://127.0.0.1:3104/entitlements/$APP" -H "authorization: Bearer $PAYMENTS" | node -e '
  const e = JSON.parse(require("fs").readFileSync(0, "utf8"));
  console.log(`   entitlement ${e.monthlyAmountYuan} CNY a month from ${e.startMonth} (standard ${e.standardFen / 100}, per capita ${e.perCapitaCountedIncomeFen / 100}, ${e.householdSize} members)`);'

echo '5. April payroll (发放) of the village, and its bank disbursement file'
clock 2026-04-05T09:00:00+08:00
PAYROLL=$(curl -sf http://127.0.0.1:3104/payrolls -H "authorization: Bearer $PAYMENTS" -H 'content-type: application/json' -d '{"region":"'"$VILLAGE"'","month":"2026-04"}' | json .payrollId)
curl -sf "http://127.0.0.1:3104/payrolls/$PAYROLL/disbursement-file" -H "authorization: Bearer $PAYMENTS"
