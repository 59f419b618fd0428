// ItemLedger: where every item of a producer–consumer run went, from what the producers and
// consumers wrote, staged here without processes (the kill storm does it with real SIGKILLs).

#include "scenarios/programs/item_ledger.h"

#include <QTest>

using forkscope::scenarios::ItemLedger;

class TestItemLedger : public QObject {
    Q_OBJECT

private slots:
    void everyItemConsumedOnce();
    void deadConsumersClaimsNameTheirItems();
    void aClaimOnACountedItemIsNoLoss();
    void duplicatesAndLeftoversAreFound();
    void pastTheTrackingLimitCountsAndClaimsDecide();
};

void TestItemLedger::everyItemConsumedOnce()
{
    ItemLedger ledger(4, 2);
    for (std::int64_t i = 1; i <= 4; ++i) {
        ledger.acknowledge(i);
        ledger.claim(static_cast<int>(i % 2)).store(i);
        ledger.count_consumed(i);
        ledger.release_claim(static_cast<int>(i % 2));
    }
    const ItemLedger::Account a = ledger.account({false, false}, {}, 0);
    QVERIFY(a.tracked);
    QCOMPARE(a.acknowledged, 4u);
    QCOMPARE(a.consumed, 4u);
    QVERIFY(a.checksums_match);
    QVERIFY(a.every_item_once());
}

void TestItemLedger::deadConsumersClaimsNameTheirItems()
{
    // Items 1..6 acknowledged. 1..3 consumed; consumer 0 died holding 4; 5 went in a get cut
    // short (no claim names it); 6 is still queued.
    ItemLedger ledger(6, 3);
    for (std::int64_t i = 1; i <= 6; ++i)
        ledger.acknowledge(i);
    for (std::int64_t i = 1; i <= 3; ++i)
        ledger.count_consumed(i);
    ledger.claim(0).store(4);
    ledger.claim(2).store(3); // a live consumer's claim on a consumed item: nothing
    const ItemLedger::Account a = ledger.account({true, false, false}, {6}, 1);
    QCOMPARE(a.lost.size(), 1u);
    QCOMPARE(a.lost[0].item, 4);
    QCOMPARE(a.lost[0].consumer, 0);
    QCOMPARE(a.lost_unnamed, 1u);
    QCOMPARE(a.left_in_queue, 1u);
    QCOMPARE(a.duplicates, 0u);
    QVERIFY(!a.checksums_match);
    QVERIFY(!a.every_item_once());
}

void TestItemLedger::aClaimOnACountedItemIsNoLoss()
{
    // Killed between counting item 2 and releasing its claim: consumed, not lost.
    ItemLedger ledger(2, 1);
    ledger.acknowledge(1);
    ledger.acknowledge(2);
    ledger.count_consumed(1);
    ledger.claim(0).store(2);
    ledger.count_consumed(2);
    const ItemLedger::Account a = ledger.account({true}, {}, 0);
    QVERIFY(a.lost.empty());
    QCOMPARE(a.lost_unnamed, 0u);
    QVERIFY(a.every_item_once());
}

void TestItemLedger::duplicatesAndLeftoversAreFound()
{
    // Item 1 consumed twice, item 2 consumed and still queued, item 3 put by a producer that
    // died before its put returned (never acknowledged) and consumed.
    ItemLedger ledger(3, 1);
    ledger.acknowledge(1);
    ledger.acknowledge(2);
    ledger.count_consumed(1);
    ledger.count_consumed(1);
    ledger.count_consumed(2);
    ledger.count_consumed(3);
    const ItemLedger::Account a = ledger.account({false}, {2}, 0);
    QCOMPARE(a.duplicates, 2u);
    QCOMPARE(a.unacknowledged, 1u);
    QCOMPARE(a.left_in_queue, 0u);
    QVERIFY(!a.every_item_once());
}

void TestItemLedger::pastTheTrackingLimitCountsAndClaimsDecide()
{
    ItemLedger ledger(ItemLedger::kMaxTrackedItems + 1, 2);
    QVERIFY(!ledger.tracked());
    for (std::int64_t i = 1; i <= 5; ++i)
        ledger.acknowledge(i);
    for (std::int64_t i = 1; i <= 3; ++i)
        ledger.count_consumed(i);
    ledger.claim(1).store(4);
    ItemLedger::Account a = ledger.account({false, true}, {5}, 0);
    QCOMPARE(a.lost.size(), 1u);
    QCOMPARE(a.lost[0].item, 4);
    QCOMPARE(a.lost_unnamed, 0u);
    QCOMPARE(a.left_in_queue, 1u);
    QVERIFY(!a.every_item_once());
    ledger.release_claim(1);
    ledger.count_consumed(4);
    a = ledger.account({false, true}, {5}, 0);
    QVERIFY(a.checksums_match);
    QCOMPARE(a.left_in_queue, 1u);
}

QTEST_GUILESS_MAIN(TestItemLedger)
#include "tst_itemledger.moc"
