import datetime as dt

from tiendo.domain.describe import deadline, target_value


def test_target_values_read_as_in_a_plan():
    assert target_value(">=", 30, None, "% GRDP") == "≥ 30% GRDP"
    assert target_value("range", 16, 18, "%/năm") == "16–18%/năm"
    assert target_value(">", 0.7, None, "số") == "> 0,7"
    assert target_value("=", 2, None, "lần", "multiple") == "gấp 2 lần"
    assert target_value("<=", 20, None, "hạng", "rank") == "trong nhóm 20 dẫn đầu"
    assert target_value("=", None, None, "bool", "achieve") == "Có (đạt/không đạt)"
    assert target_value("=", 1200, None, "số") == "1.200"


def test_deadlines_read_in_vietnamese():
    assert deadline(dt.date(2028, 12, 31), "year", False) == "Năm 2028"
    assert deadline(dt.date(2025, 6, 30), "quarter", False) == "Quý 2/2025"
    assert deadline(dt.date(2025, 3, 31), "month", False) == "Tháng 3/2025"
    assert deadline(None, None, True) == "Thường xuyên"
    assert deadline(None, None, False) == ""
