package app

import (
	"context"
	"fmt"

	"geoevents/internal/feeds"
	"geoevents/internal/feedstate"
)

// Watcher builds a watcher of list that keeps its state in this App's
// database and ingests through its ingester (the gazetteer loads when the
// first item needs it, so serve --feeds starts as fast as serve).
func (a *App) Watcher(ctx context.Context, cfg feeds.Config, list []feeds.Feed) (*feeds.Watcher, error) {
	var st any = a.Store
	keeper, ok := st.(feedstate.Keeper)
	if !ok {
		return nil, fmt.Errorf("feeds: the %T store keeps no feed state", a.Store)
	}
	states, err := keeper.OpenFeedStates(ctx)
	if err != nil {
		return nil, fmt.Errorf("feed state: %w", err)
	}
	return feeds.New(cfg, list, states, lazyIngester{a}, a.Logger)
}
