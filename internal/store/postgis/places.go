package postgis

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5"

	"geoevents/gazetteer"
)

// SavePlaces stores user-imported gazetteer places and their alternate
// names in one transaction. A place with a stored id is updated and its
// alternate names replaced. It returns how many places were saved.
func (s *Store) SavePlaces(ctx context.Context, places []gazetteer.Place, altNames map[int64][]string) (int, error) {
	err := s.writeTx(ctx, func(tx pgx.Tx) error {
		for _, p := range places {
			if p.Name == "" || p.Lat != p.Lat || p.Lon != p.Lon || p.Lat < -90 || p.Lat > 90 || p.Lon < -180 || p.Lon > 180 {
				return fmt.Errorf("place %d %q: needs a name and WGS84 coordinates", p.ID, p.Name)
			}
			if p.Attrs == nil { // no class, country or admin1
				p.Attrs = &gazetteer.Attrs{}
			}
			var b pgx.Batch
			b.Queue(`INSERT INTO places (id, name, ascii_name, lat, lon, feature_class, feature_code,
				country_code, country_name, admin1, population) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11)
				ON CONFLICT (id) DO UPDATE SET name=excluded.name, ascii_name=excluded.ascii_name, lat=excluded.lat,
				lon=excluded.lon, feature_class=excluded.feature_class, feature_code=excluded.feature_code,
				country_code=excluded.country_code, country_name=excluded.country_name, admin1=excluded.admin1,
				population=excluded.population`,
				p.ID, p.Name, nullStr(p.ASCIIName), p.Lat, p.Lon, nullStr(p.FeatureClass), nullStr(p.FeatureCode),
				nullStr(p.CountryCode), nullStr(p.CountryName), nullStr(p.Admin1), p.Population)
			b.Queue(`DELETE FROM place_names WHERE place_id = $1`, p.ID)
			var names []string
			for _, n := range altNames[p.ID] {
				if n != "" {
					names = append(names, n)
				}
			}
			if len(names) > 0 {
				b.Queue(`INSERT INTO place_names (place_id, name) SELECT $1, unnest($2::text[]) ON CONFLICT DO NOTHING`, p.ID, names)
			}
			if err := tx.SendBatch(ctx, &b).Close(); err != nil {
				return fmt.Errorf("place %d: %w", p.ID, err)
			}
		}
		return nil
	})
	if err != nil {
		return 0, fmt.Errorf("save places: %w", err)
	}
	return len(places), nil
}

// Places calls fn for every stored place with its alternate names (in
// byte order), in id order; fn's error stops the iteration and is
// returned.
func (s *Store) Places(ctx context.Context, fn func(p gazetteer.Place, altNames []string) error) error {
	rows, err := s.pool.Query(ctx, `SELECT p.id, p.name, coalesce(p.ascii_name, ''), p.lat, p.lon, coalesce(p.feature_class, ''),
		coalesce(p.feature_code, ''), coalesce(p.country_code, ''), coalesce(p.country_name, ''), coalesce(p.admin1, ''), p.population,
		array(SELECT n.name FROM place_names n WHERE n.place_id = p.id ORDER BY n.name)
		FROM places p ORDER BY p.id`)
	if err != nil {
		return fmt.Errorf("places: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		p := gazetteer.Place{Attrs: &gazetteer.Attrs{}}
		var alt []string
		if err := rows.Scan(&p.ID, &p.Name, &p.ASCIIName, &p.Lat, &p.Lon, &p.FeatureClass, &p.FeatureCode,
			&p.CountryCode, &p.CountryName, &p.Admin1, &p.Population, &alt); err != nil {
			return fmt.Errorf("places: %w", err)
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
