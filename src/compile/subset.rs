//! A copy of the place index cut down to some of its places, as each
//! chunk of the web's data holds (`split`): an area's counties and towns, a
//! name chunk's, a state's.

use crate::dataset::{Agency287g, City, County, Places, Zip};
use std::collections::BTreeSet;

/// A copy of the place index with only some counties and cities (with
/// `zips`, their ZIP codes) and some 287(g) agencies, indexes renumbered.
/// With `labels`, every county a kept city lies in is kept too (search
/// shows it); without, a city keeps only the counties kept.
pub(super) fn subset(
    places: &Places,
    keep_county: impl Fn(&County) -> bool,
    keep_city: impl Fn(&City) -> bool,
    zips: bool,
    labels: bool,
    keep_agency: impl Fn(&Agency287g) -> bool,
) -> Places {
    let cities: Vec<(usize, &City)> = places
        .cities
        .iter()
        .enumerate()
        .filter(|(_, c)| keep_city(c))
        .collect();
    let mut county_ids: BTreeSet<usize> = places
        .counties
        .iter()
        .enumerate()
        .filter(|(_, c)| keep_county(c))
        .map(|(i, _)| i)
        .collect();
    if labels {
        county_ids.extend(
            cities
                .iter()
                .flat_map(|(_, c)| c.counties.iter().map(|&i| i as usize)),
        );
    }
    let county_ids: Vec<usize> = county_ids.into_iter().collect();
    let county = |old: u16| {
        county_ids
            .iter()
            .position(|&c| c == old as usize)
            .map(|p| p as u16)
    };
    let city_ids: Vec<usize> = cities.iter().map(|(i, _)| *i).collect();
    let city = |old: u32| {
        city_ids
            .iter()
            .position(|&c| c == old as usize)
            .map(|p| p as u32)
    };
    let counties_of = |list: &[u16]| list.iter().filter_map(|&c| county(c)).collect::<Vec<_>>();
    let zips: Vec<Zip> = if zips {
        places
            .zips
            .iter()
            .filter(|z| z.counties.iter().all(|&c| county(c).is_some()))
            .map(|z| Zip {
                code: z.code,
                city: city(z.city).unwrap_or(u32::MAX),
                counties: counties_of(&z.counties),
            })
            .collect()
    } else {
        Vec::new()
    };
    let agencies: Vec<Agency287g> = places
        .agencies
        .iter()
        .filter(|a| keep_agency(a))
        .map(|a| Agency287g {
            counties: counties_of(&a.counties),
            city: a.city.and_then(city),
            ..a.clone()
        })
        .collect();
    Places {
        counties: county_ids
            .iter()
            .map(|&i| places.counties[i].clone())
            .collect(),
        cities: cities
            .iter()
            .map(|(_, c)| City {
                counties: counties_of(&c.counties),
                ..(*c).clone()
            })
            .collect(),
        zips,
        agencies,
        ..places.clone_header()
    }
}
