package evaluate

import (
	"math"
	"slices"
)

// maxErrorKm is half the Earth's circumference, the largest possible error;
// it normalises the AUC to [0,1].
const maxErrorKm = 20039

// accuracyKm is the threshold of the accuracy@k metric (100 miles).
const accuracyKm = 161

// Resolution summarises resolution errors in km: the share within 161 km,
// mean, median and the AUC of the log error curve. It returns zeros for no
// errors.
func Resolution(errorsKm []float64) (acc161, mean, median, auc float64) {
	n := len(errorsKm)
	if n == 0 {
		return 0, 0, 0, 0
	}
	e := slices.Clone(errorsKm)
	slices.Sort(e)
	within, sum := 0, 0.0
	for _, v := range e {
		if v < accuracyKm {
			within++
		}
		sum += v
	}
	acc161 = float64(within) / float64(n)
	mean = sum / float64(n)
	if n%2 == 1 {
		median = e[n/2]
	} else {
		median = (e[n/2-1] + e[n/2]) / 2
	}
	return acc161, mean, median, AUC(e)
}

// AUC is the area under the curve of ln(km+1)/ln(20039) over the errors
// sorted ascending, by the trapezoidal rule with unit steps, divided by the
// curve's length so the result lies in [0,1] (Gritta et al. 2018, "What's
// missing in geographical parsing?"). Lower is better. A single error is
// its own normalised log value.
func AUC(errorsKm []float64) float64 {
	n := len(errorsKm)
	if n == 0 {
		return 0
	}
	e := slices.Clone(errorsKm)
	slices.Sort(e)
	norm := math.Log(maxErrorKm)
	y := func(i int) float64 { return math.Min(math.Log(e[i]+1)/norm, 1) }
	if n == 1 {
		return y(0)
	}
	area := 0.0
	for i := 1; i < n; i++ {
		area += (y(i-1) + y(i)) / 2
	}
	return area / float64(n-1)
}

// prf returns precision, recall and F1 from counts, 0 where undefined.
func prf(matched, predicted, gold int) (p, r, f float64) {
	if predicted > 0 {
		p = float64(matched) / float64(predicted)
	}
	if gold > 0 {
		r = float64(matched) / float64(gold)
	}
	if p+r > 0 {
		f = 2 * p * r / (p + r)
	}
	return p, r, f
}
