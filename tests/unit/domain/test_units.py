import datetime as dt

from tiendo.domain.units import (
    MERGER_DATE,
    PROVINCES,
    absorbed_by,
    current_provinces,
    find_province,
    successor_on,
)


def test_63_provinces_became_34():
    assert len(PROVINCES) == 63
    assert len(current_provinces()) == 34


def test_every_successor_is_a_province_that_still_exists():
    for unit in PROVINCES.values():
        if unit.successor_code:
            assert PROVINCES[unit.successor_code].valid_to is None


def test_the_example_provinces_roll_up_into_their_successors():
    expected = {
        "Hà Nam": "Ninh Bình",
        "Hải Dương": "Hải Phòng",
        "Bắc Giang": "Bắc Ninh",
        "Hòa Bình": "Phú Thọ",
        "Hà Tĩnh": "Hà Tĩnh",
    }
    for old, new in expected.items():
        unit = find_province(old)
        assert successor_on(unit.code, MERGER_DATE).name == new


def test_a_merged_province_answers_for_itself_before_the_merger():
    ha_nam = find_province("Hà Nam")
    assert successor_on(ha_nam.code, dt.date(2025, 6, 30)).name == "Hà Nam"


def test_find_province_ignores_prefixes_diacritics_and_tone_style():
    assert find_province("tỉnh Hoà Bình").name == "Hòa Bình"
    assert find_province("TP. Hồ Chí Minh").name == "Hồ Chí Minh"
    assert find_province("Thành phố Hải Phòng").name == "Hải Phòng"
    assert find_province("Thừa Thiên Huế").name == "Huế"
    assert find_province("Bac Giang").name == "Bắc Giang"
    assert find_province("Atlantis") is None


def test_three_provinces_merged_into_ho_chi_minh_city():
    assert {u.name for u in absorbed_by(find_province("Hồ Chí Minh").code)} == {
        "Bình Dương",
        "Bà Rịa - Vũng Tàu",
    }
