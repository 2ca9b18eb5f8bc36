package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"

	"geoevents/gazetteer"
)

// SavePlaces stores user-imported gazetteer places and their alternate
// names in one transaction. A place with a stored id is updated and its
// alternate names replaced. It returns how many places were saved.
func (s *Store) SavePlaces(ctx context.Context, places []gazetteer.Place, altNames map[int64][]string) (int, error) {
	err := s.writeTx(ctx, func(tx *sql.Tx) error {
		up, err := tx.PrepareContext(ctx, `INSERT INTO places (id, name, ascii_name, lat, lon, feature_class, feature_code,
			country_code, country_name, admin1, population) VALUES (?,?,?,?,?,?,?,?,?,?,?)
			ON CONFLICT(id) DO UPDATE SET name=excluded.name, ascii_name=excluded.ascii_name, lat=excluded.lat,
			lon=excluded.lon, feature_class=excluded.feature_class, feature_code=excluded.feature_code,
			country_code=excluded.country_code, country_name=excluded.country_name, admin1=excluded.admin1,
			population=excluded.population`)
		if err != nil {
			return err
		}
		defer up.Close()
		del, err := tx.PrepareContext(ctx, `DELETE FROM place_names WHERE place_id = ?`)
		if err != nil {
			return err
		}
		defer del.Close()
		alt, err := tx.PrepareContext(ctx, `INSERT OR IGNORE INTO place_names (place_id, name) VALUES (?, ?)`)
		if err != nil {
			return err
		}
		defer alt.Close()
		for _, p := range places {
			if p.Name == "" || p.Lat != p.Lat || p.Lon != p.Lon || p.Lat < -90 || p.Lat > 90 || p.Lon < -180 || p.Lon > 180 {
				return fmt.Errorf("place %d %q: needs a name and WGS84 coordinates", p.ID, p.Name)
			}
			if p.Attrs == nil { // no class, country or admin1
				p.Attrs = &gazetteer.Attrs{}
			}
			if _, err := up.ExecContext(ctx, p.ID, p.Name, nullStr(p.ASCIIName), p.Lat, p.Lon, nullStr(p.FeatureClass),
				nullStr(p.FeatureCode), nullStr(p.CountryCode), nullStr(p.CountryName), nullStr(p.Admin1), p.Population); err != nil {
				return fmt.Errorf("place %d: %w", p.ID, err)
			}
			if _, err := del.ExecContext(ctx, p.ID); err != nil {
				return fmt.Errorf("place %d: %w", p.ID, err)
			}
			for _, n := range altNames[p.ID] {
				if n == "" {
					continue
				}
				if _, err := alt.ExecContext(ctx, p.ID, n); err != nil {
					return fmt.Errorf("place %d name %q: %w", p.ID, n, err)
				}
			}
		}
		return nil
	})
	if err != nil {
		return 0, fmt.Errorf("save places: %w", err)
	}
	return len(places), nil
}

// Places calls fn for every stored place with its alternate names, in id
// order; fn's error stops the iteration and is returned.
func (s *Store) Places(ctx context.Context, fn func(p gazetteer.Place, altNames []string) error) error {
	rows, err := s.r.QueryContext(ctx, `SELECT p.id, p.name, p.ascii_name, p.lat, p.lon, p.feature_class, p.feature_code,
		p.country_code, p.country_name, p.admin1, p.population,
		(SELECT json_group_array(name) FROM place_names n WHERE n.place_id = p.id)
		FROM places p ORDER BY p.id`)
	if err != nil {
		return fmt.Errorf("places: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		p := gazetteer.Place{Attrs: &gazetteer.Attrs{}}
		var ascii, fclass, fcode, cc, cn, a1 sql.NullString
		var names string
		if err := rows.Scan(&p.ID, &p.Name, &ascii, &p.Lat, &p.Lon, &fclass, &fcode, &cc, &cn, &a1, &p.Population, &names); err != nil {
			return fmt.Errorf("places: %w", err)
		}
		p.ASCIIName, p.FeatureClass, p.FeatureCode = ascii.String, fclass.String, fcode.String
		p.CountryCode, p.CountryName, p.Admin1 = cc.String, cn.String, a1.String
		alt, err := parseNames(names)
		if err != nil {
			return fmt.Errorf("places %d: %w", p.ID, err)
		}
		if err := fn(p, alt); err != nil {
			return err
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("places: %w", err)
	}
	return nil
}

// parseNames decodes the JSON array json_group_array produced.
func parseNames(s string) ([]string, error) {
	var names []string
	if err := json.Unmarshal([]byte(s), &names); err != nil {
		return nil, fmt.Errorf("alternate names: %w", err)
	}
	return names, nil
}
