suppressMessages(library(metafor)); library(jsonlite)
set.seed(42)
cases <- list(); n <- 0
meas <- c("MD","SMD","SMDH","SMD1","ROM","OR","RR","RD","PETO","IRR","IRD","COR","UCOR","ZCOR","PR","PLN","PLO","PAS","PFT","IR","IRLN","MN","MNLN","MC","SMCC","SMCR","GEN")
methods <- c("EE","DL","REML","ML","PM","HE","SJ","HS","EB","HSk","PMM")
tests <- c("z","t","knha","adhoc")
for (i in 1:300) {
  m <- meas[(i-1) %% length(meas) + 1]; k <- sample(c(2,3,5,8,12,25),1)
  meth <- sample(methods,1); tst <- sample(tests,1); pit <- sample(c("metafor","riley","t"),1)
  n1 <- sample(8:200,k,TRUE); n2 <- sample(8:200,k,TRUE)
  d <- switch(m,
   MD=,SMD=,SMDH=,SMD1=,ROM=data.frame(m1i=round(rnorm(k,20,3),2), sd1i=round(runif(k,2,6),2), n1i=n1, m2i=round(rnorm(k,18,3),2), sd2i=round(runif(k,2,6),2), n2i=n2),
   OR=,RR=,RD=,PETO={ai<-rbinom(k,n1,runif(k,.02,.4)); ci<-rbinom(k,n2,runif(k,.02,.4)); data.frame(ai=ai,bi=n1-ai,ci=ci,di=n2-ci)},
   IRR=,IRD=data.frame(x1i=rpois(k,20), t1i=round(runif(k,50,500)), x2i=rpois(k,25), t2i=round(runif(k,50,500))),
   COR=,UCOR=,ZCOR=data.frame(ri=round(runif(k,-.3,.7),3), ni=sample(10:300,k,TRUE)),
   PR=,PLN=,PLO=,PAS=,PFT={ni<-sample(10:300,k,TRUE); data.frame(xi=rbinom(k,ni,runif(k,.1,.8)), ni=ni)},
   IR=,IRLN=data.frame(xi=rpois(k,30), ti=round(runif(k,50,500))),
   MN=,MNLN=data.frame(mi=round(runif(k,5,50),2), sdi=round(runif(k,1,10),2), ni=n1),
   MC=,SMCC=,SMCR=data.frame(m1i=round(rnorm(k,22,3),2), m2i=round(rnorm(k,20,3),2), sd1i=round(runif(k,2,6),2), sd2i=round(runif(k,2,6),2), ni=n1, ri=round(runif(k,.2,.8),2)),
   GEN=data.frame(yi=round(rnorm(k,.3,.4),4), vi=round(runif(k,.01,.3),4)))
  d <- cbind(study=paste0("S",1:k), d)
  args <- c(list(measure=m, data=d), as.list(d[,-1,drop=FALSE]))
  es <- if (m=="GEN") escalc(measure="GEN", yi=d$yi, vi=d$vi) else do.call(escalc, c(list(measure=m), as.list(d[,-1,drop=FALSE])))
  r <- tryCatch(rma(es$yi, es$vi, method=meth, test=tst, control=list(threshold=1e-12, maxiter=10000, tol=1e-15)), error=function(e) NULL)
  if (is.null(r)) next
  pr <- if (pit=="metafor") predict(r) else predict(r, pi.type=pit)
  qp <- if (meth!="EE" && k>1) confint(r, type="QP", control=list(tol=1e-12, tau2.max=1e6, maxiter=10000))$random[1,2:3] else c(NA,NA)
  n <- n+1; f <- sprintf("case%03d.csv", n); write.csv(d, f, row.names=FALSE)
  cases[[n]] <- list(file=f, measure=m, method=meth, test=tst, pi=pit, k=k, estimate=r$b[1], se=r$se, p=r$pval, ci_lower=r$ci.lb, ci_upper=r$ci.ub, tau2=r$tau2, i2=r$I2, h2=r$H2, q=r$QE, pi_lower=pr$pi.lb, pi_upper=pr$pi.ub, tau2_ci=qp, tau2_se=if(is.null(r$se.tau2)) NA else r$se.tau2)
}
write_json(cases, "cases.json", digits=NA, auto_unbox=TRUE, na="null")
cat(n, "cases\n")
