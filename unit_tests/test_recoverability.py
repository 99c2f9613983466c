from recouvrement_amiable.rules import recoverability as r


def test_recoverable_debt_has_no_reason():
    assert r.blocking_reasons() == []


def test_reasons_most_decisive_first():
    reasons = r.blocking_reasons(disputed=True, debtor_block=r.INSOLVENCY, prescribed=True)
    assert reasons == [r.PRESCRIBED, r.INSOLVENCY, r.DISPUTED]


def test_over_indebtedness_freezes():
    assert r.blocking_reasons(debtor_block=r.OVER_INDEBTEDNESS) == [r.OVER_INDEBTEDNESS]


def test_litigation_reported():
    assert r.blocking_reasons(litigation=True) == [r.LITIGATION]
