// ConfigModel: the scenario's fields as an editable table with per-field validation.

#include "model/config/configmodel.h"
#include "scenarios/programs/programs.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

using namespace forkscope::scenarios;

class TestConfigModel : public QObject {
    Q_OBJECT

private slots:
    void init();
    void showsEveryFieldWithItsDefault();
    void editsAreValidatedPerField();
    void setConfigReplacesEverything();
    void rolesDescribeTheEditor();

private:
    int rowOf(const QString& field) const;

    std::unique_ptr<ConfigModel> m_model;
    std::unique_ptr<QAbstractItemModelTester> m_tester;
    const Scenario* m_scenario = nullptr;
};

int TestConfigModel::rowOf(const QString& field) const
{
    for (int r = 0; r < m_model->rowCount(); ++r) {
        if (m_model->index(r, 0).data(ConfigModel::FieldNameRole).toString() == field)
            return r;
    }
    return -1;
}

void TestConfigModel::init()
{
    m_scenario = find_scenario("processes");
    m_model = std::make_unique<ConfigModel>();
    m_tester = std::make_unique<QAbstractItemModelTester>(m_model.get(),
                                                          QAbstractItemModelTester::FailureReportingMode::QtTest);
    m_model->setConfig(m_scenario, nlohmann::json::object());
}

void TestConfigModel::showsEveryFieldWithItsDefault()
{
    QCOMPARE(m_model->rowCount(), int(m_scenario->fields().size()));
    const int workers = rowOf(QStringLiteral("workers"));
    QCOMPARE(m_model->index(workers, ConfigModel::FieldColumn).data().toString(), QStringLiteral("Workers"));
    QCOMPARE(m_model->index(workers, ConfigModel::ValueColumn).data(Qt::EditRole).toInt(), 4);
    QCOMPARE(m_model->index(rowOf(QStringLiteral("work_ms")), ConfigModel::ValueColumn).data().toString(),
             QStringLiteral("500 ms"));
    QCOMPARE(m_model->index(rowOf(QStringLiteral("daemon")), ConfigModel::ValueColumn).data().toString(),
             QStringLiteral("no"));
    QVERIFY(m_model->isValid());
    QVERIFY(m_model->flags(m_model->index(0, ConfigModel::ValueColumn)) & Qt::ItemIsEditable);
    QVERIFY(!(m_model->flags(m_model->index(0, ConfigModel::FieldColumn)) & Qt::ItemIsEditable));
}

void TestConfigModel::editsAreValidatedPerField()
{
    QSignalSpy changed(m_model.get(), &ConfigModel::configChanged);
    const QModelIndex workers = m_model->index(rowOf(QStringLiteral("workers")), ConfigModel::ValueColumn);
    QVERIFY(m_model->setData(workers, 0));
    QCOMPARE(changed.count(), 1);
    QVERIFY(!m_model->isValid());
    QCOMPARE(m_model->errors(), QStringList{QStringLiteral("workers: must be 1..256, got 0")});
    QCOMPARE(workers.data(ConfigModel::ErrorRole).toString(), QStringLiteral("workers: must be 1..256, got 0"));
    QVERIFY(workers.data(Qt::ToolTipRole).toString().contains(QStringLiteral("must be 1..256")));

    const QModelIndex join = m_model->index(rowOf(QStringLiteral("join")), ConfigModel::ValueColumn);
    QVERIFY(m_model->setData(join, QStringLiteral("sideways")));
    QCOMPARE(m_model->errors().size(), 2);

    QVERIFY(m_model->setData(workers, 8));
    QVERIFY(m_model->setData(join, QStringLiteral("one-by-one")));
    QVERIFY(m_model->isValid());
    QCOMPARE(m_model->config()["workers"].get<int>(), 8);
    QCOMPARE(m_model->config()["join"].get<std::string>(), std::string("one-by-one"));
    QVERIFY(!m_model->setData(m_model->index(0, ConfigModel::FieldColumn), 3)); // labels are not editable
}

void TestConfigModel::setConfigReplacesEverything()
{
    m_model->setConfig(m_scenario, nlohmann::json::parse(R"({"workers": 2, "daemon": true})"));
    QCOMPARE(m_model->config()["workers"].get<int>(), 2);
    QCOMPARE(m_model->config()["daemon"].get<bool>(), true);
    QCOMPARE(m_model->config()["work_ms"].get<int>(), 500); // defaults fill the rest
    m_model->setConfig(nullptr, {});
    QCOMPARE(m_model->rowCount(), 0);
}

void TestConfigModel::rolesDescribeTheEditor()
{
    const QModelIndex workMs = m_model->index(rowOf(QStringLiteral("work_ms")), ConfigModel::ValueColumn);
    QCOMPARE(workMs.data(ConfigModel::KindRole).toInt(), int(FieldKind::Integer));
    QCOMPARE(workMs.data(ConfigModel::MinimumRole).toLongLong(), 0);
    QCOMPARE(workMs.data(ConfigModel::MaximumRole).toLongLong(), 600000);
    QCOMPARE(workMs.data(ConfigModel::UnitRole).toString(), QStringLiteral("ms"));
    const QModelIndex join = m_model->index(rowOf(QStringLiteral("join")), ConfigModel::ValueColumn);
    QCOMPARE(join.data(ConfigModel::ChoicesRole).toStringList(),
             QStringList({QStringLiteral("after-all"), QStringLiteral("one-by-one"), QStringLiteral("none")}));
}

QTEST_GUILESS_MAIN(TestConfigModel)
#include "tst_configmodel.moc"
